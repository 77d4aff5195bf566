import type {
  CaseListStore,
  MassActionResult,
  OutboxMessage,
  OutboxStore,
  OwnerMailbox,
  StoreScope,
} from "@incasso/core";
import { ownerAlerts, parseIsoDate, Temporal, undeliveredFromOutbox } from "@incasso/core";
import { z } from "zod";
import { incassoErrorOf, jobDateSchema, parseJobOptions } from "./job-input.js";

/**
 * Options of {@link writeOwnerAlerts}: the store (its outbox and case rows), the tenant's scope,
 * the day, the directory of owners (owner → mailbox and language), and optionally a mailbox for
 * what belongs to owners the directory does not know, the time zone the day is read in (default
 * `Europe/Brussels`), the attempts after which a waiting message is reported (default 3), and the
 * day's mass-action results.
 *
 * @example
 * ```ts
 * import type { WriteOwnerAlertsOptions } from "@incasso/notify";
 * import type { CaseStore } from "@incasso/core";
 * declare const store: CaseStore;
 * const options: WriteOwnerAlertsOptions = {
 *   store, scope: { tenantId: "firm-1" }, date: "2026-03-02",
 *   owners: { "an.peeters": { address: "an@advocaten.example", language: "nl" } },
 * };
 * ```
 */
export interface WriteOwnerAlertsOptions {
  readonly store: Pick<OutboxStore, "listOutbox" | "enqueueOutbox"> &
    Pick<CaseListStore, "getCase">;
  readonly scope: StoreScope;
  readonly date: string | { toString(): string };
  readonly owners: Readonly<Record<string, OwnerMailbox>>;
  readonly fallback?: OwnerMailbox;
  readonly timeZone?: string;
  readonly postponedAttempts?: number;
  readonly massActions?: readonly MassActionResult[];
}

/**
 * What {@link writeOwnerAlerts} did: the failed and waiting messages found, the alerts written
 * (one per owner; a rerun with the same content writes the same alert, which the outbox takes as
 * already there), those refused because the outbox holds that owner's alert of the day in another
 * form (other content, or postponed by the dispatcher meanwhile),
 * the owners the directory does not know, the messages of no case, and whether the outbox held
 * more failures than one listing reads (1,000).
 *
 * @example
 * ```ts
 * import type { OwnerAlertReport } from "@incasso/notify";
 * const line = (r: OwnerAlertReport) => `${r.written.length} alerts, unknown owners: ${r.unknownOwners.map((o) => o.owner).join(", ")}`;
 * ```
 */
export interface OwnerAlertReport {
  readonly date: string;
  readonly failed: number;
  readonly postponed: number;
  readonly written: readonly {
    readonly key: string;
    readonly to: string;
    readonly owners: readonly string[];
  }[];
  readonly alreadyWritten: readonly string[];
  readonly unknownOwners: readonly { readonly owner: string; readonly items: number }[];
  readonly withoutOwner: readonly string[];
  readonly truncated: boolean;
}

const mailboxSchema = z.strictObject({
  address: z
    .string()
    .max(320, { message: "expected an e-mail address of at most 320 characters" })
    .regex(/^[^\s@<>]+@[^\s@<>]+$/, { message: "expected an e-mail address such as an@firm.be" }),
  name: z.string().min(1).max(200).optional(),
  language: z.enum(["nl", "fr", "en"], { message: "expected nl, fr or en" }),
});

const optionsSchema = z.strictObject({
  date: jobDateSchema,
  owners: z.record(z.string().min(1).max(500), mailboxSchema),
  fallback: mailboxSchema.optional(),
  timeZone: z
    .string()
    .refine(
      (zone) => {
        try {
          Temporal.PlainDate.from("2026-01-01").toZonedDateTime({ timeZone: zone });
          return true;
        } catch {
          return false;
        }
      },
      { message: "expected an IANA time zone such as Europe/Brussels" },
    )
    .default("Europe/Brussels"),
  postponedAttempts: z
    .number()
    .int()
    .min(1, { message: "expected 1 to 1000 attempts" })
    .max(1000, { message: "expected 1 to 1000 attempts" })
    .default(3),
  massActions: z.array(z.custom<MassActionResult>()).optional(),
});

/** What one listing of the outbox reads at most. */
const LISTING = 1000;

/**
 * The daily job of owner alerts: reads from the outbox the messages that failed on the day (in
 * the time zone given) and those still waiting after repeated attempts, finds each one's case
 * owner from the case rows, composes per owner one e-mail of what could not be sent and why (with
 * the day's mass actions left out, when given) with `ownerAlerts` of `@incasso/core`, in the
 * owner's language, and writes each to the outbox with `enqueueOutbox` under the key of the owner
 * and the day: ONE alert per owner per day. Run it once a day for the day before (what fails late
 * in the evening belongs to that day); a run whose alert differs from the one written before for
 * that owner and day writes nothing for it and says so (`alreadyWritten`). Owners the directory
 * does not know are reported, never dropped (and alerted to `fallback` when given). Bad options are
 * `INVALID_INPUT` naming `options.<field>`.
 *
 * @example
 * ```ts
 * import { writeOwnerAlerts } from "@incasso/notify";
 * import type { CaseStore } from "@incasso/core";
 * declare const store: CaseStore;
 * const report = await writeOwnerAlerts({
 *   store, scope: { tenantId: "firm-1" }, date: "2026-03-02",
 *   owners: { "an.peeters": { address: "an@advocaten.example", language: "nl" } },
 * });
 * ```
 */
export async function writeOwnerAlerts(
  options: WriteOwnerAlertsOptions,
): Promise<OwnerAlertReport> {
  const { store, scope, ...rest } = options;
  const parsed = parseJobOptions(optionsSchema, {
    ...rest,
    date: typeof rest.date === "string" ? rest.date : rest.date?.toString(),
  });
  const date = parseIsoDate(parsed.date);
  const dayStart = date.toZonedDateTime({ timeZone: parsed.timeZone }).toInstant().toString();
  const [failed, pending] = await Promise.all([
    store.listOutbox(scope, { status: "failed", completedFrom: dayStart, limit: LISTING }),
    store.listOutbox(scope, { status: "pending", limit: LISTING }),
  ]);
  const messages: OutboxMessage[] = [...failed, ...pending];
  const caseIds = [
    ...new Set(messages.map((message) => message.caseId).filter((id): id is string => id !== null)),
  ];
  const cases = new Map<string, { owner: string; caseNumber: string }>();
  for (const caseId of caseIds) {
    const row = await store.getCase(scope, caseId);
    if (row !== null) cases.set(caseId, { owner: row.owner, caseNumber: row.caseNumber });
  }
  const undelivered = undeliveredFromOutbox(messages, cases, {
    date,
    timeZone: parsed.timeZone,
    postponedAttempts: parsed.postponedAttempts,
  });
  const alerts = ownerAlerts({
    date,
    undelivered,
    // zod leaves optional fields out when they are absent, as OwnerMailbox wants them.
    owners: parsed.owners as Readonly<Record<string, OwnerMailbox>>,
    ...(parsed.fallback === undefined ? {} : { fallback: parsed.fallback as OwnerMailbox }),
    ...(parsed.massActions === undefined ? {} : { massActions: parsed.massActions }),
  });
  const written: { key: string; to: string; owners: readonly string[] }[] = [];
  const alreadyWritten: string[] = [];
  for (const alert of alerts.messages) {
    try {
      await store.enqueueOutbox(scope, [
        { key: alert.key, kind: alert.kind, payload: { ...alert.payload } },
      ]);
      written.push({ key: alert.key, to: alert.payload.to, owners: alert.payload.owners });
    } catch (error) {
      if (incassoErrorOf(error)?.code !== "IDEMPOTENCY_KEY_REUSED") throw error;
      alreadyWritten.push(alert.key);
    }
  }
  return {
    date: parsed.date,
    failed: undelivered.filter((item) => item.state === "failed").length,
    postponed: undelivered.filter((item) => item.state === "postponed").length,
    written,
    alreadyWritten,
    unknownOwners: alerts.unknownOwners,
    withoutOwner: alerts.withoutOwner.map((item) => item.outboxKey),
    truncated: failed.length >= LISTING || pending.length >= LISTING,
  };
}
