// What the case pages and the case REST routes do, once: open a case with its claims, register a
// payment, add a note or set user fields, propose and agree a payment plan (with its agreement
// letter), and the "what if" statement. Bodies are checked with the core's schemas; every write is
// one append at the version read.
import type {
  CaseEventJson,
  PlanProposal,
  PlanRequestJson,
  PlanResult,
  StoreScope,
} from "@incasso/core";
import {
  caseClaimSchema,
  caseEventSchema,
  debtorSchema,
  IncassoError,
  planRequestSchema,
  proposePlan,
  proposePlanForCase,
  storeIdSchema,
  Temporal,
  whatIf,
} from "@incasso/core";
import { produceLetter, starterTemplate } from "@incasso/documents";
import { z } from "zod";
import type { ServerServices } from "../context.js";
import { refreshCaseAgenda } from "./agenda-actions.js";
import type { LoadedCase } from "./case-data.js";
import { creditorOf, statementOf } from "./case-data.js";

/** Who records and when (the envelope of the new events). */
export interface Author {
  readonly by: string;
  readonly recordedAt: string;
  readonly today: string;
}

const rulePacks = ["be.b2b", "be.civil", "be.consumer", "nl.b2b", "nl.consumer"] as const;

/**
 * Zod schema of a new case: the client, the references, the rule pack, one debtor (the core's
 * `debtorSchema`, its id given by the server when absent) and its claims (the core's
 * `caseClaimSchema`).
 *
 * @example
 * ```ts
 * newCaseSchema.parse({ client: "acme", rulePack: "be.b2b", debtor: { kind: "legal-person", name: "X BV", language: "nl", consumer: false },
 *   claims: [{ invoiceNumber: "F1", invoiceDate: "2026-01-01", dueDate: "2026-01-31", amount: "100.00" }] });
 * ```
 */
export const newCaseSchema = z.strictObject({
  client: storeIdSchema,
  clientReference: z.string().max(200).optional(),
  owner: z.string().min(1).max(200).optional(),
  lawyer: z.string().min(1).max(200).optional(),
  collectionGroup: z.string().max(200).optional(),
  rulePack: z.enum(rulePacks),
  paymentReference: z.string().max(200).optional(),
  debtor: debtorSchema.extend({ id: debtorSchema.shape.id.optional() }),
  claims: z
    .array(caseClaimSchema.extend({ id: caseClaimSchema.shape.id.optional() }))
    .min(1, { message: "expected at least one claim" })
    .max(100, { message: "expected at most 100 claims" }),
});

/** A new case as parsed. */
export type NewCase = z.output<typeof newCaseSchema>;

/**
 * Opens a case: `case.opened` and a `claim.added` per claim (and `scenario.started` with the
 * client's default scenario), in one append that creates the case. The client must be one of the
 * tenant's (else `NOT_FOUND` at `client`).
 *
 * @example
 * ```ts
 * const { caseId } = await openCase(services, scope, author, newCaseSchema.parse(body));
 * ```
 */
export async function openCase(
  services: ServerServices,
  scope: StoreScope,
  author: Author,
  input: NewCase,
): Promise<{ readonly caseId: string; readonly caseNumber: string }> {
  const client = await services.store.getClient(scope, input.client);
  if (client === null)
    throw new IncassoError("NOT_FOUND", `client: no client ${input.client}`, [
      { path: "client", message: "expected a client of the firm" },
    ]);
  const terms = await services.store.getTerms(scope, input.client);
  const token = crypto.randomUUID().replace(/-/g, "");
  const caseId = `web-${token.slice(0, 16)}`;
  const caseNumber = `${author.today.slice(0, 4)}/W${token.slice(0, 8).toUpperCase()}`;
  const envelope = (n: number) => ({
    id: `${caseId}-${n}`,
    at: author.today,
    recordedAt: author.recordedAt,
    by: author.by,
  });
  const { id: givenDebtorId, ...debtor } = input.debtor;
  const debtorId = givenDebtorId ?? `${caseId}-debtor`;
  const events: CaseEventJson[] = [
    {
      ...envelope(1),
      type: "case.opened",
      caseNumber,
      client: {
        id: client.id,
        name: client.name,
        ...(input.clientReference ? { reference: input.clientReference } : {}),
      },
      debtors: [{ ...debtor, id: debtorId }],
      owner: input.owner ?? author.by,
      lawyer: input.lawyer ?? input.owner ?? author.by,
      rulePack: input.rulePack,
      ...(input.collectionGroup ? { collectionGroup: input.collectionGroup } : {}),
      ...(input.paymentReference ? { paymentReference: input.paymentReference } : {}),
    },
    ...input.claims.map(
      (claim, index): CaseEventJson => ({
        ...envelope(index + 2),
        type: "claim.added",
        claim: { ...claim, id: claim.id ?? `claim-${index + 1}` },
      }),
    ),
  ];
  if (terms?.defaultScenario !== undefined)
    events.push({
      ...envelope(events.length + 1),
      type: "scenario.started",
      scenarioId: terms.defaultScenario,
    });
  await services.store.append(scope, {
    caseId,
    expectedVersion: 0,
    events,
    asOf: author.today,
    idempotencyKey: `open:${caseId}`,
  });
  // The debtor in the relations too (after the case, so a refused case leaves nothing behind):
  // what a search by enterprise or national number finds.
  await services.store.putDebtor(scope, { ...debtor, id: debtorId });
  return { caseId, caseNumber };
}

const imputations = [
  "costs-interest-principal",
  "interest-costs-principal",
  "principal-interest-costs",
] as const;

/**
 * Zod schema of a payment to register: amount, value date, optional reference and imputation
 * order (the rule pack's when absent). Fields as the core's `payment.received` has them.
 *
 * @example
 * ```ts
 * paymentSchema.parse({ amount: "250.00", date: "2026-03-02" });
 * ```
 */
export const paymentSchema = z.strictObject({
  amount: z
    .string()
    .regex(/^\d{1,12}(\.\d{1,2})?$/, { message: "expected an amount such as 1234.50" })
    .refine((text) => Number(text) > 0, { message: "expected an amount above zero" }),
  date: z.iso.date("expected a date written YYYY-MM-DD"),
  reference: z.string().max(200).optional(),
  imputation: z.enum(imputations).optional(),
});

/** A payment as parsed. */
export type PaymentInput = z.output<typeof paymentSchema>;

/**
 * Appends events to a loaded case at its version, validated first with the core's
 * `caseEventSchema` (errors at `events.N.<field>`), then refreshes its agenda of today.
 */
async function appendToCase(
  services: ServerServices,
  scope: StoreScope,
  loaded: LoadedCase,
  events: readonly CaseEventJson[],
  today: string,
): Promise<number> {
  events.forEach((event, index) => {
    const parsed = caseEventSchema.safeParse(event);
    if (!parsed.success)
      throw new IncassoError(
        "INVALID_INPUT",
        parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "),
        parsed.error.issues.map((issue) => ({
          path: [`events`, index, ...issue.path].join("."),
          message: issue.message,
        })),
      );
  });
  const result = await services.store.append(scope, {
    caseId: loaded.row.caseId,
    expectedVersion: loaded.version,
    events: [...events],
    asOf: today,
  });
  await refreshCaseAgenda(services, scope, loaded.row.caseId);
  return result.version;
}

/**
 * Registers a payment on a case (`payment.received`), a value date not after today.
 *
 * @example
 * ```ts
 * await registerPayment(services, scope, author, loaded, { amount: "250.00", date: "2026-03-02" });
 * ```
 */
export async function registerPayment(
  services: ServerServices,
  scope: StoreScope,
  author: Author,
  loaded: LoadedCase,
  input: PaymentInput,
): Promise<{ readonly paymentId: string; readonly version: number }> {
  if (input.date > author.today)
    throw new IncassoError("INVALID_INPUT", "date: expected a day not after today", [
      { path: "date", message: `expected a day not after ${author.today}` },
    ]);
  const paymentId = `pay-${crypto.randomUUID()}`;
  const version = await appendToCase(
    services,
    scope,
    loaded,
    [
      {
        id: paymentId,
        type: "payment.received",
        at: input.date,
        recordedAt: author.recordedAt,
        by: author.by,
        paymentId,
        amount: input.amount,
        ...(input.reference ? { reference: input.reference } : {}),
        ...(input.imputation === undefined ? {} : { imputation: input.imputation }),
      },
    ],
    author.today,
  );
  return { paymentId, version };
}

/**
 * Zod schema of a note and of user field values to set (the client's field definitions check
 * the values).
 *
 * @example
 * ```ts
 * noteSchema.parse({ text: "Called the debtor: pays Friday" });
 * ```
 */
export const noteSchema = z.strictObject({
  text: z.string().trim().max(10_000).optional(),
  fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});

/**
 * Adds a note (`note.added`) and/or sets user fields (`fields.set`) on a case.
 *
 * @example
 * ```ts
 * await addNote(services, scope, author, loaded, { text: "Called" });
 * ```
 */
export async function addNote(
  services: ServerServices,
  scope: StoreScope,
  author: Author,
  loaded: LoadedCase,
  input: z.output<typeof noteSchema>,
): Promise<{ readonly version: number }> {
  const events: CaseEventJson[] = [];
  const envelope = (prefix: string) => ({
    id: `${prefix}-${crypto.randomUUID()}`,
    at: author.today,
    recordedAt: author.recordedAt,
    by: author.by,
  });
  if (input.text !== undefined && input.text !== "")
    events.push({ ...envelope("note"), type: "note.added", text: input.text });
  if (input.fields !== undefined && Object.keys(input.fields).length > 0)
    events.push({ ...envelope("fields"), type: "fields.set", values: input.fields });
  if (events.length === 0)
    throw new IncassoError("INVALID_INPUT", "text: expected a note or a field to set", [
      { path: "text", message: "expected a note or a field to set" },
    ]);
  return { version: await appendToCase(services, scope, loaded, events, author.today) };
}

/**
 * Zod schema of a plan to propose or agree: the core's plan request without the amount (the
 * balance of today finances it).
 *
 * @example
 * ```ts
 * planBodySchema.parse({ action: "propose", request: { firstDueDate: "2026-04-01", schedule: { count: 6 }, frequency: "monthly" } });
 * ```
 */
export const planBodySchema = z.strictObject({
  action: z.enum(["propose", "agree"]),
  request: z.strictObject({ ...planRequestSchema.shape }).omit({ amount: true, agreedOn: true }),
});

/** A plan body as parsed. */
export type PlanBody = z.input<typeof planBodySchema>;

/**
 * Proposes a payment plan for a case from its balance of today (the core's `proposePlanForCase`).
 *
 * @example
 * ```ts
 * const result = proposeCasePlan(loaded, "2026-03-02", { firstDueDate: "2026-04-01", schedule: { count: 6 }, frequency: "monthly" });
 * ```
 */
export function proposeCasePlan(
  loaded: LoadedCase,
  today: string,
  request: Omit<PlanRequestJson, "amount">,
): PlanResult {
  return proposePlanForCase(
    [...loaded.events],
    Temporal.PlainDate.from(today),
    { ...request, agreedOn: today },
    loaded.options,
  );
}

/**
 * Agrees the plan proposed from the balance of today: `plan.agreed` with its request and the
 * agreement letter (`plan-agreement`, rendered through the document port as PDF, recorded as
 * `document.produced` with its SHA-256), in one append. A plan the core refuses is
 * `INVALID_INPUT` naming `request` and the reason.
 *
 * @example
 * ```ts
 * const { plan, letterId } = await agreeCasePlan(services, scope, author, loaded, request);
 * ```
 */
export async function agreeCasePlan(
  services: ServerServices,
  scope: StoreScope,
  author: Author,
  loaded: LoadedCase,
  request: Omit<PlanRequestJson, "amount">,
): Promise<{ readonly plan: PlanProposal; readonly letterId: string; readonly version: number }> {
  const proposed = proposeCasePlan(loaded, author.today, request);
  if (!proposed.ok)
    throw new IncassoError("INVALID_INPUT", `request: ${proposed.message}`, [
      { path: "request", message: `${proposed.code}: ${proposed.message}` },
    ]);
  const statement = statementOf(loaded, Temporal.PlainDate.from(author.today));
  if (!statement.ok) throw statement.error;
  const planJson: PlanRequestJson = {
    ...request,
    amount: statement.value.statement.totals.balance.toFixed(2),
    agreedOn: author.today,
    id: proposed.plan.id,
    ...(proposed.plan.reference === null ? {} : { reference: proposed.plan.reference }),
  };
  const agreed: CaseEventJson = {
    id: `plan-${crypto.randomUUID()}`,
    type: "plan.agreed",
    at: author.today,
    recordedAt: author.recordedAt,
    by: author.by,
    planId: proposed.plan.id,
    description: `${proposed.plan.instalments.length} × ${proposed.plan.request.frequency === undefined ? "" : typeof proposed.plan.request.frequency === "string" ? proposed.plan.request.frequency : "dates"} from ${proposed.plan.firstDueDate.toString()}, total ${proposed.plan.totals.total.toFixed(2)}`,
    plan: planJson,
  };
  const creditor = await creditorOf(services, scope, loaded.row.clientId);
  const produced = await produceLetter({
    renderer: services.renderer,
    events: [...loaded.events, agreed],
    request: { kind: "plan-agreement", date: author.today, channel: "post", creditor },
    template: starterTemplate("plan-agreement", letterLanguage(loaded.events)),
    format: "pdf",
    options: { ...loaded.options, plan: proposed.plan },
    by: author.by,
    recordedAt: author.recordedAt,
  });
  const version = await appendToCase(
    services,
    scope,
    loaded,
    [agreed, ...produced.events],
    author.today,
  );
  return {
    plan: proposed.plan,
    letterId: produced.events[0]?.id ?? "",
    version,
  };
}

/**
 * The language of a case's letters as the core's letter context picks it: the first debtor's
 * French or English, else Dutch.
 *
 * @example
 * ```ts
 * letterLanguage(loaded.events); // "fr"
 * ```
 */
export function letterLanguage(events: readonly CaseEventJson[]): "nl" | "fr" | "en" {
  const opened = events.find((event) => event.type === "case.opened");
  const language = opened?.type === "case.opened" ? opened.debtors[0]?.language : undefined;
  return language === "fr" ? "fr" : language === "en" ? "en" : "nl";
}

/**
 * The plan of a case as agreed last (before the letter or event `beforeEventId`, when given),
 * recomputed from its request by the core's `proposePlan`; null without an agreed plan.
 *
 * @example
 * ```ts
 * const plan = agreedPlan(loaded.events);
 * ```
 */
export function agreedPlan(
  events: readonly CaseEventJson[],
  beforeEventId?: string,
): {
  readonly event: CaseEventJson & { type: "plan.agreed" };
  readonly plan: PlanProposal | null;
} | null {
  const end =
    beforeEventId === undefined ? events.length : events.findIndex((e) => e.id === beforeEventId);
  const list = events.slice(0, end < 0 ? events.length : end);
  const found = [...list].reverse().find((event) => event.type === "plan.agreed");
  if (found === undefined || found.type !== "plan.agreed") return null;
  if (found.plan === undefined) return { event: found, plan: null };
  const result = proposePlan(found.plan);
  return { event: found, plan: result.ok ? result.plan : null };
}

/**
 * Zod schema of a "what if the debtor pays X on D" question.
 *
 * @example
 * ```ts
 * whatIfSchema.parse({ amount: "500.00", date: "2026-03-31" });
 * ```
 */
export const whatIfSchema = z.strictObject({
  amount: z
    .string()
    .regex(/^\d{1,12}(\.\d{1,2})?$/, { message: "expected an amount such as 1234.50" }),
  date: z.iso.date("expected a date written YYYY-MM-DD"),
});

/**
 * The statement as of the payment's day (or today, whichever is later) if the debtor also paid
 * `amount` on `date`: the core's `whatIf`. Nothing is stored.
 *
 * @example
 * ```ts
 * const { statement } = whatIfStatement(loaded, "2026-03-02", { amount: "500.00", date: "2026-03-31" });
 * ```
 */
export function whatIfStatement(
  loaded: LoadedCase,
  today: string,
  input: z.output<typeof whatIfSchema>,
): ReturnType<typeof whatIf> {
  const asOf = input.date > today ? input.date : today;
  return whatIf([...loaded.events], Temporal.PlainDate.from(asOf), input, loaded.options);
}
