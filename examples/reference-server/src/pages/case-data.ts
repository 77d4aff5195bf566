// What the agenda, the case pages and their REST routes share: a case read from the store with its
// client's terms and scenarios, the statement as of a day, the envelope of the events a user
// records, the letters of a case re-rendered through the document port, and store errors as
// problems.
import type {
  CaseEventJson,
  CaseOptions,
  CaseRow,
  ClientTerms,
  LetterRequest,
  PlanProposal,
  RenderedDocument,
  Scenario,
  Statement,
  StoreScope,
} from "@incasso/core";
import {
  caseStatement,
  formatBeEnterpriseNumber,
  IncassoError,
  isValidBeEnterpriseNumber,
  letterContext,
  StoreConflictError,
  statementToJson,
} from "@incasso/core";
import { caseOptionsOf } from "@incasso/core/adapter-kit";
import type { StarterTemplateName } from "@incasso/documents";
import { STARTER_TEMPLATES, starterTemplate } from "@incasso/documents";
import type { Context } from "hono";
import type { Temporal } from "temporal-polyfill";
import type { FieldError } from "../api/problem.js";
import { problem } from "../api/problem.js";
import type { AppEnv, Role, ServerServices } from "../context.js";

/** The roles of the firm: who works on the agenda and the cases. */
export const FIRM_ROLES: readonly Role[] = ["clerk", "lawyer", "admin"];

/** A case as the pages read it: its row, its events, its client's terms and scenarios. */
export interface LoadedCase {
  readonly row: CaseRow;
  readonly events: readonly CaseEventJson[];
  /** The case's version (the number of its events): what an append expects. */
  readonly version: number;
  readonly terms: ClientTerms | null;
  readonly scenarios: readonly Scenario[];
  /** The rule-pack policy and user fields of the client, as the daily run applies them. */
  readonly options: CaseOptions;
}

/**
 * Reads a case in the scope: null when it is unknown or not visible (another tenant's, another
 * client's), so callers answer 404 and never reveal that it exists.
 *
 * @example
 * ```ts
 * const loaded = await loadCase(c.get("services"), c.get("scope"), "C1");
 * if (loaded === null) return c.notFound();
 * ```
 */
export async function loadCase(
  services: ServerServices,
  scope: StoreScope,
  caseId: string,
): Promise<LoadedCase | null> {
  if (!/^[A-Za-z0-9._:/-]{1,120}$/.test(caseId)) return null;
  const row = await services.store.getCase(scope, caseId);
  if (row === null) return null;
  const [stored, terms, scenarios] = await Promise.all([
    services.store.readEvents(scope, caseId),
    services.store.getTerms(scope, row.clientId),
    services.store.listScenarios(scope, row.clientId),
  ]);
  return {
    row,
    events: stored.map((item) => item.event),
    version: stored.length === 0 ? 0 : (stored.at(-1)?.version ?? stored.length),
    terms,
    scenarios,
    options: caseOptionsOf({ terms, scenarios }),
  };
}

/**
 * The statement of a loaded case as of a day (the core's `caseStatement` with the client's
 * options), or the error that kept it from being computed (a rate table that ends too early).
 *
 * @example
 * ```ts
 * const result = statementOf(loaded, services.today());
 * if (result.ok) result.value.statement.totals.balance;
 * ```
 */
export function statementOf(
  loaded: LoadedCase,
  asOf: Temporal.PlainDate,
  events: readonly unknown[] = loaded.events,
):
  | { readonly ok: true; readonly value: ReturnType<typeof caseStatement> }
  | { readonly ok: false; readonly error: IncassoError } {
  try {
    return { ok: true, value: caseStatement([...events], asOf, loaded.options) };
  } catch (error) {
    if (error instanceof IncassoError) return { ok: false, error };
    throw error;
  }
}

/**
 * The envelope of an event the signed-in user records now: a fresh id with a prefix, the legal
 * date (today unless given), the instant and the author.
 *
 * @example
 * ```ts
 * const event = { ...eventEnvelope(c, "note"), type: "note.added", text: "Called the debtor" };
 * ```
 */
export function eventEnvelope(
  c: Context<AppEnv>,
  prefix: string,
  at?: string,
): { id: string; at: string; recordedAt: string; by: string } {
  const services = c.get("services");
  return {
    id: `${prefix}-${crypto.randomUUID()}`,
    at: at ?? services.today().toString(),
    recordedAt: services.now().toString(),
    by: c.get("user").userId,
  };
}

/**
 * The field errors of a store or core error (`IncassoError` issues), with a fallback path.
 *
 * @example
 * ```ts
 * try { await store.append(scope, request); } catch (error) { const errors = errorFields(error, "append"); }
 * ```
 */
export function errorFields(error: unknown, fallback = "(body)"): FieldError[] {
  if (error instanceof IncassoError) {
    return error.issues.length > 0
      ? error.issues.map((issue) => ({ path: issue.path, message: issue.message }))
      : [{ path: fallback, message: error.message }];
  }
  return [{ path: fallback, message: error instanceof Error ? error.message : String(error) }];
}

/**
 * Answers a store or core error as a problem document: a version conflict is 409, an unknown
 * target 404, a refused input 400 naming each field; anything else is thrown on.
 *
 * @example
 * ```ts
 * try { await store.append(scope, request); } catch (error) { return storeProblem(c, error); }
 * ```
 */
export function storeProblem(c: Context<AppEnv>, error: unknown): Response {
  if (error instanceof StoreConflictError)
    return problem(c, 409, "Conflict", error.message, errorFields(error));
  if (error instanceof IncassoError) {
    if (error.code === "NOT_FOUND") return problem(c, 404, "Not found", error.message);
    if (error.code === "VERSION_CONFLICT" || error.code === "ALREADY_FINAL")
      return problem(c, 409, "Conflict", error.message, errorFields(error));
    if (error.code === "STORE_UNAVAILABLE")
      return problem(c, 503, "Store unavailable", error.message);
    return problem(c, 400, "Invalid input", error.message, errorFields(error));
  }
  throw error;
}

/**
 * The creditor a case's letters name: the client, as the store keeps it (a name and a
 * reference). When the client's reference is a valid Belgian enterprise number (as the demo's
 * clients carry theirs), the letters state it as the creditor's enterprise number, which a Book XIX
 * first reminder must show (WER art. XIX.2 §1). A host that keeps addresses and accounts of its
 * clients passes them in its own composition root.
 *
 * @example
 * ```ts
 * const creditor = await creditorOf(services, scope, "acme");
 * ```
 */
export async function creditorOf(
  services: ServerServices,
  scope: StoreScope,
  clientId: string,
): Promise<LetterRequest["creditor"]> {
  const client = await services.store.getClient(scope, clientId);
  const reference = client?.reference ?? "";
  return {
    name: client?.name ?? clientId,
    ...(reference !== "" && isValidBeEnterpriseNumber(reference)
      ? { enterpriseNumber: formatBeEnterpriseNumber(reference) }
      : {}),
  };
}

/**
 * The starter letter a scenario's letter activity is made with: its template when that names a
 * starter letter (`reminder`, `nl/reminder`) or ends with one (`be-book19-first-reminder`), else
 * the starter of the activity's kind (a formal notice: the business one under `be.b2b`, else the
 * civil one; a 14-day letter; a Book XIX first reminder; any other letter: the reminder).
 *
 * @example
 * ```ts
 * starterOf("be-formal-notice", "formal-notice", "be.b2b"); // "formal-notice-b2b"
 * ```
 */
export function starterOf(
  template: string | null,
  kind: string,
  rulePack: string,
): StarterTemplateName {
  const name = (template ?? "").split("/").at(-1) ?? "";
  const exact = STARTER_TEMPLATES.find((item) => item.name === name);
  if (exact !== undefined) return exact.name;
  const suffix = [...STARTER_TEMPLATES]
    .sort((a, b) => b.name.length - a.name.length)
    .find((item) => name.endsWith(`-${item.name}`));
  if (suffix !== undefined) return suffix.name;
  switch (kind) {
    case "formal-notice":
      return rulePack === "be.b2b" ? "formal-notice-b2b" : "formal-notice-civil";
    case "letter14":
      return "letter14";
    case "book19-first-reminder":
      return "book19-first-reminder";
    default:
      return "reminder";
  }
}

/** A letter of a case: the event that records it, or the statement of today. */
export interface CaseLetter {
  /** The event's id, or `statement` for the statement of today. */
  readonly id: string;
  readonly kind: LetterRequest["kind"];
  readonly template: StarterTemplateName;
  readonly date: string;
  readonly channel: LetterRequest["channel"];
  /** The SHA-256 of the document recorded when it was made, if any. */
  readonly sha256: string | null;
}

const CHANNELS = new Set(["post", "registered-post", "email", "hand-delivered"]);

const templateOfRecord = (template: string | undefined, fallback: StarterTemplateName) => {
  const name = (template ?? "").split("/").at(-1) ?? "";
  const exact = STARTER_TEMPLATES.find((item) => item.name === name);
  if (exact !== undefined) return exact.name;
  const suffix = [...STARTER_TEMPLATES]
    .sort((a, b) => b.name.length - a.name.length)
    .find((item) => name.endsWith(`-${item.name}`));
  return suffix === undefined ? fallback : suffix.name;
};

/**
 * The letters of a case: each letter event (reminder, formal notice, 14-day letter, plan agreement
 * and other documents made from a starter letter), oldest first, then the statement as of `today`.
 *
 * @example
 * ```ts
 * for (const letter of caseLetters(loaded.events, "2026-03-02")) console.log(letter.kind, letter.date);
 * ```
 */
export function caseLetters(events: readonly CaseEventJson[], today: string): CaseLetter[] {
  const letters: CaseLetter[] = [];
  const meta = (event: {
    readonly channel?: string;
    readonly document?: { readonly sha256: string; readonly template: string } | undefined;
  }) => ({
    channel: (CHANNELS.has(String(event.channel))
      ? event.channel
      : "post") as CaseLetter["channel"],
    sha256: event.document?.sha256 ?? null,
    template: event.document?.template,
  });
  const opened = events.find((event) => event.type === "case.opened");
  const rulePack = opened?.type === "case.opened" ? opened.rulePack : "";
  for (const event of events) {
    if (event.type === "reminder.sent") {
      const { channel, sha256, template } = meta(event);
      const kind = event.first === true ? "book19-first-reminder" : "reminder";
      letters.push({
        id: event.id,
        kind,
        template: templateOfRecord(template, kind),
        date: event.at,
        channel,
        sha256,
      });
    } else if (event.type === "notice.sent") {
      const { channel, sha256, template } = meta(event);
      letters.push({
        id: event.id,
        kind: "formal-notice",
        template: templateOfRecord(
          template,
          rulePack === "be.b2b" ? "formal-notice-b2b" : "formal-notice-civil",
        ),
        date: event.at,
        channel,
        sha256,
      });
    } else if (event.type === "letter14.sent") {
      const { channel, sha256, template } = meta(event);
      letters.push({
        id: event.id,
        kind: "letter14",
        template: templateOfRecord(template, "letter14"),
        date: event.at,
        channel,
        sha256,
      });
    } else if (event.type === "document.produced") {
      const { channel, sha256, template } = meta(event);
      const found = STARTER_TEMPLATES.find(
        (item) => item.name === templateOfRecord(template, "statement"),
      );
      if (found !== undefined && template !== undefined)
        letters.push({
          id: event.id,
          kind: found.kind,
          template: found.name,
          date: event.at,
          channel,
          sha256,
        });
    }
  }
  letters.push({
    id: "statement",
    kind: "statement",
    template: "statement",
    date: today,
    channel: "post",
    sha256: null,
  });
  return letters;
}

/**
 * Renders a letter of a case as PDF through the document port: the letter's context is made from
 * the events before the letter (the letter event itself is what the context adds), as of its date.
 *
 * @example
 * ```ts
 * const pdf = await renderCaseLetter(services, loaded, letter, creditor);
 * pdf.bytes; // %PDF-...
 * ```
 */
export async function renderCaseLetter(
  services: ServerServices,
  loaded: LoadedCase,
  letter: CaseLetter,
  creditor: LetterRequest["creditor"],
  plan?: PlanProposal,
): Promise<RenderedDocument> {
  const index = loaded.events.findIndex((event) => event.id === letter.id);
  const before = index < 0 ? loaded.events : loaded.events.slice(0, index);
  const context = letterContext(
    [...before],
    { kind: letter.kind, date: letter.date, channel: letter.channel, creditor },
    { ...loaded.options, ...(plan === undefined ? {} : { plan }) },
  );
  return services.renderer.render(
    starterTemplate(letter.template, context.language),
    context,
    "pdf",
  );
}

/**
 * A statement as JSON for the API: the core's `statementToJson`, with each interest line's rate
 * entries and their legal sources, the charges and the allocations of the payments.
 *
 * @example
 * ```ts
 * const body = statementDocument(statementOf(loaded, today).value.statement);
 * ```
 */
export function statementDocument(statement: Statement): Record<string, unknown> {
  const base = statementToJson(statement);
  return {
    ...base,
    interestLines: statement.interestLines.map((line, index) => ({
      ...base.interestLines[index],
      margin: line.margin.toString(),
      divisor: line.divisor,
      rateEntries: line.rateEntries.map((entry) => ({
        table: entry.table,
        from: entry.from.toString(),
        rate: entry.rate.toString(),
        source: entry.source,
        status: entry.status,
      })),
    })),
    charges: statement.charges.map((charge) => ({
      id: charge.id,
      kind: charge.kind,
      date: charge.date.toString(),
      amount: charge.amount.toFixed(2),
      outstanding: charge.outstanding.toFixed(2),
      penalty: charge.penalty,
    })),
    allocations: statement.allocations.map((allocation) => ({
      payment: allocation.payment,
      date: allocation.date.toString(),
      bucket: allocation.bucket,
      target: allocation.target,
      designated: allocation.designated,
      amount: allocation.amount.toFixed(2),
    })),
  };
}
