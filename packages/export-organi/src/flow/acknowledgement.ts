import type { CaseEvent, CaseEventStore, CaseListStore, StoreScope } from "@incasso/core";
import { fromZodError, IncassoError, parseCaseEvents } from "@incasso/core";
import { z } from "zod";
import { readCsv } from "../formats/read-csv.js";
import { sha256Hex } from "../formats/safe-file-name.js";
import { BAILIFF_FILE_NUMBER_FIELD } from "../model/build-handover-case.js";
import { cleanText } from "../model/handover-fields.js";

/**
 * The version of the acknowledgement format: `1.0`.
 *
 * @example
 * ```ts
 * import { ACKNOWLEDGEMENT_VERSION } from "@incasso/export-organi";
 * ACKNOWLEDGEMENT_VERSION; // "1.0"
 * ```
 */
export const ACKNOWLEDGEMENT_VERSION = "1.0" as const;

const date = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: "expected YYYY-MM-DD" });
const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * The statuses a bailiff office reports on a case: `accepted`, `refused` (the acknowledgement),
 * then `in-progress`, `served` (a writ or the demand was served), `attachment` (goods or income
 * attached), `closed-paid`, `closed-unrecoverable`, `returned` (the office gives the case back).
 *
 * @example
 * ```ts
 * import { BAILIFF_STATUSES } from "@incasso/export-organi";
 * BAILIFF_STATUSES.includes("served"); // true
 * ```
 */
export const BAILIFF_STATUSES = [
  "accepted",
  "refused",
  "in-progress",
  "served",
  "attachment",
  "closed-paid",
  "closed-unrecoverable",
  "returned",
] as const;

/**
 * Zod schema of an acknowledgement (format `incasso-bailiff-acknowledgement`, version 1.0): what
 * a bailiff office sends back about a package: per case (by our case number) whether it accepted
 * it with its own file number or refused it with a reason, later status updates, and the payments
 * it collected (its own payment id, date, amount, reference). Our own format, documented in
 * `docs/bailiff-handover.md`; the same records come as JSON or as CSV
 * ({@link parseAcknowledgement}).
 *
 * @example
 * ```ts
 * import { acknowledgementSchema } from "@incasso/export-organi";
 * acknowledgementSchema.parse({
 *   format: "incasso-bailiff-acknowledgement", version: "1.0", packageId: "HO-0123456789abcdef0123456789abcdef",
 *   office: "dewolf", cases: [{ caseNumber: "2026/00042", status: "accepted", date: "2026-11-30", bailiffFileNumber: "DW-26-1187" }],
 * });
 * ```
 */
export const acknowledgementSchema = z.strictObject({
  format: z.literal("incasso-bailiff-acknowledgement"),
  version: z.literal(ACKNOWLEDGEMENT_VERSION),
  packageId: z
    .string()
    .regex(/^HO-[0-9a-f]{32}$/, { message: "expected the package id HO-<32 hex digits>" }),
  office: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, { message: "expected the office id" }),
  cases: z
    .array(
      z
        .strictObject({
          caseNumber: text(500),
          status: z.enum(BAILIFF_STATUSES),
          date: date,
          bailiffFileNumber: text(100).optional(),
          reason: text(2000).optional(),
          text: text(2000).optional(),
          payments: z
            .array(
              z.strictObject({
                id: z.string().regex(/^[A-Za-z0-9._:/-]{1,64}$/, {
                  message: "expected the office's payment id",
                }),
                date: date,
                amount: z
                  .string()
                  .regex(/^\d{1,12}\.\d{2}$/, { message: "expected an amount such as 125.00" })
                  .refine((value) => Number(value) > 0, {
                    message: "expected an amount above zero",
                  }),
                reference: text(140).optional(),
              }),
            )
            .max(2000)
            .default([]),
        })
        .refine((entry) => entry.status !== "refused" || entry.reason !== undefined, {
          message: "expected a reason for a refusal",
          path: ["reason"],
        })
        .refine((entry) => entry.status !== "accepted" || entry.bailiffFileNumber !== undefined, {
          message: "expected the office's file number when it accepts",
          path: ["bailiffFileNumber"],
        }),
    )
    .min(1)
    .max(10_000),
});

/**
 * An acknowledgement (see {@link acknowledgementSchema}).
 *
 * @example
 * ```ts
 * import type { Acknowledgement } from "@incasso/export-organi";
 * const accepted = (ack: Acknowledgement) => ack.cases.filter((entry) => entry.status === "accepted").length;
 * ```
 */
export type Acknowledgement = z.output<typeof acknowledgementSchema>;

/**
 * The columns of the CSV form of an acknowledgement, in order (`;` between cells, UTF-8, a header
 * row, a byte order mark allowed): one row per case record, and one more per payment
 * (`record` `payment`, with `payment_id`, `date`, `amount` and `reference`).
 *
 * @example
 * ```ts
 * import { ACKNOWLEDGEMENT_CSV_COLUMNS } from "@incasso/export-organi";
 * ACKNOWLEDGEMENT_CSV_COLUMNS.join(";");
 * ```
 */
export const ACKNOWLEDGEMENT_CSV_COLUMNS = [
  "format",
  "version",
  "package_id",
  "office",
  "record",
  "case_number",
  "status",
  "date",
  "bailiff_file_number",
  "reason",
  "text",
  "payment_id",
  "amount",
  "reference",
] as const;

/**
 * Reads an acknowledgement from its JSON or CSV text (JSON when it starts with `{`), validated:
 * `INVALID_INPUT` naming `acknowledgement.<field>` (or the CSV line) when it is not one. In the
 * CSV, `record` is `case` or `payment`; a payment row belongs to the case row of its case number
 * (which must come first).
 *
 * @example
 * ```ts
 * import { parseAcknowledgement } from "@incasso/export-organi";
 * declare const text: string;
 * const ack = parseAcknowledgement(text);
 * ```
 */
export function parseAcknowledgement(input: string): Acknowledgement {
  const body = input.replace(/^\uFEFF/, "");
  let raw: unknown;
  if (body.trimStart().startsWith("{")) {
    try {
      raw = JSON.parse(body);
    } catch (error) {
      throw new IncassoError(
        "INVALID_INPUT",
        `acknowledgement: not JSON (${(error as Error).message})`,
        [{ path: "acknowledgement", message: "expected JSON or CSV text" }],
      );
    }
  } else raw = csvToAcknowledgement(body);
  const result = acknowledgementSchema.safeParse(raw);
  if (!result.success) throw fromZodError(result.error, "acknowledgement");
  return result.data;
}

function csvToAcknowledgement(body: string): unknown {
  const table = readCsv(body, ";");
  const head = (table[0] ?? []).map((cell) => cell.trim());
  const rows: Record<string, string>[] = table
    .slice(1)
    .map((cells) =>
      Object.fromEntries(head.map((column, index) => [column, (cells[index] ?? "").trim()])),
    );
  const header = head;
  const missing = ACKNOWLEDGEMENT_CSV_COLUMNS.filter((column) => !header.includes(column));
  if (rows.length === 0 || missing.length > 0)
    throw new IncassoError(
      "INVALID_INPUT",
      `acknowledgement: expected the columns ${missing.join(", ") || ACKNOWLEDGEMENT_CSV_COLUMNS.join(", ")}`,
      [
        {
          path: "acknowledgement",
          message: `expected a header with ${ACKNOWLEDGEMENT_CSV_COLUMNS.join(";")} and at least one row`,
        },
      ],
    );
  const first = rows[0] as Record<string, string>;
  const value = (cell: string | undefined) =>
    cell === undefined || cell === "" ? undefined : cell;
  const cases: Record<string, unknown>[] = [];
  rows.forEach((row, index) => {
    const line = index + 2;
    for (const key of ["format", "version", "package_id", "office"] as const)
      if (row[key] !== first[key])
        throw new IncassoError(
          "INVALID_INPUT",
          `acknowledgement: line ${line}: ${key} differs from the first row`,
          [
            {
              path: `acknowledgement.line${line}.${key}`,
              message: `expected ${JSON.stringify(first[key])} as on the first row`,
            },
          ],
        );
    if (row.record === "case")
      cases.push({
        caseNumber: row.case_number,
        status: row.status,
        date: row.date,
        ...(value(row.bailiff_file_number) === undefined
          ? {}
          : { bailiffFileNumber: row.bailiff_file_number }),
        ...(value(row.reason) === undefined ? {} : { reason: row.reason }),
        ...(value(row.text) === undefined ? {} : { text: row.text }),
        payments: [],
      });
    else if (row.record === "payment") {
      const owner = [...cases].reverse().find((entry) => entry.caseNumber === row.case_number);
      if (owner === undefined)
        throw new IncassoError(
          "INVALID_INPUT",
          `acknowledgement: line ${line}: a payment before the case row of ${row.case_number}`,
          [
            {
              path: `acknowledgement.line${line}.case_number`,
              message: "expected the case's row before its payments",
            },
          ],
        );
      (owner.payments as unknown[]).push({
        id: row.payment_id,
        date: row.date,
        amount: row.amount,
        ...(value(row.reference) === undefined ? {} : { reference: row.reference }),
      });
    } else
      throw new IncassoError(
        "INVALID_INPUT",
        `acknowledgement: line ${line}: record ${JSON.stringify(row.record)}`,
        [{ path: `acknowledgement.line${line}.record`, message: "expected case or payment" }],
      );
  });
  return {
    format: first.format,
    version: first.version,
    packageId: first.package_id,
    office: first.office,
    cases,
  };
}

/**
 * What became of one case record of an acknowledgement: `recorded` with the events appended,
 * `already-recorded` (a rerun: nothing new), or `refused` with the reason (an unknown case
 * number, a case not in that package).
 *
 * @example
 * ```ts
 * import type { AcknowledgementOutcome } from "@incasso/export-organi";
 * const failed = (outcome: AcknowledgementOutcome) => outcome.result === "refused";
 * ```
 */
export interface AcknowledgementOutcome {
  readonly caseNumber: string;
  readonly caseId: string | null;
  readonly status: Acknowledgement["cases"][number]["status"];
  readonly result: "recorded" | "already-recorded" | "refused";
  readonly events: readonly string[];
  readonly reason: string | null;
}

type Handover = Extract<CaseEvent, { type: "bailiff.handover" }>;

/**
 * Records a bailiff office's acknowledgement on the cases, idempotently: each record becomes
 * events with ids derived from the package, the case and the record, and an event already on the
 * case is never appended again, so importing a file twice, or a later file that repeats earlier
 * records, adds nothing twice.
 *
 * - `accepted`: `fields.set` of `bailiff.fileNumber` (the office's file number, which later
 *   packages carry as `references.bailiffFileNumber`) and `bailiff.status`.
 * - `refused`: a note with the office's reason, `bailiff.status` `refused`, and `bailiff.returned`
 *   (the office, the reason, the handover it answers): the case is no longer `with-bailiff`, its
 *   status is what it would be without the handover and its scenario goes on from the refusal's
 *   day (the firm's agenda picks it up again; a clerk may send it to another office with `resend`
 *   or close it). A refusal of a package the case has since been sent on from (a later handover
 *   to another office) is noted only: the case stays with the office it was sent to last.
 * - a status (`in-progress`, `served`, ...): a note and `bailiff.status`.
 * - each payment: `payment.received` with the id `bailiff-<office>-<its id>` on its date, imputed by
 *   the case's rules like any other payment.
 *
 * A case that is unknown, or that was not handed over in the acknowledged package, is refused
 * with its reason, the others are recorded.
 *
 * @example
 * ```ts
 * import { importAcknowledgement, parseAcknowledgement } from "@incasso/export-organi";
 * import { createMemoryStore } from "@incasso/memory";
 * declare const text: string;
 * const store = createMemoryStore();
 * const outcomes = await importAcknowledgement({
 *   store, scope: { tenantId: "firm" }, acknowledgement: parseAcknowledgement(text),
 *   recordedAt: "2026-12-01T10:00:00Z", by: "clerk",
 * });
 * ```
 */
export async function importAcknowledgement(input: {
  readonly store: CaseEventStore & CaseListStore;
  readonly scope: StoreScope;
  readonly acknowledgement: Acknowledgement;
  readonly recordedAt: string;
  readonly by: string;
}): Promise<AcknowledgementOutcome[]> {
  const ack = acknowledgementSchema.parse(input.acknowledgement);
  const { store, scope } = input;
  const rows = [];
  let after: string | undefined;
  do {
    const page = await store.listCases(scope, {
      limit: 1000,
      ...(after === undefined ? {} : { after }),
    });
    rows.push(...page.items);
    after = page.nextCursor ?? undefined;
  } while (after !== undefined);
  const byNumber = new Map(rows.map((row) => [row.caseNumber, row]));
  const outcomes: AcknowledgementOutcome[] = [];
  for (const entry of ack.cases) {
    const row = byNumber.get(entry.caseNumber);
    const refuse = (caseId: string | null, reason: string) =>
      outcomes.push({
        caseNumber: entry.caseNumber,
        caseId,
        status: entry.status,
        result: "refused",
        events: [],
        reason,
      });
    if (row === undefined) {
      refuse(null, "no case with this number in the tenant");
      continue;
    }
    const stored = await store.readEvents(scope, row.caseId);
    const events = parseCaseEvents(stored.map((item) => item.event));
    const handover = events.find(
      (event): event is Handover =>
        event.type === "bailiff.handover" && event.packageId === ack.packageId,
    );
    let latestHandover: Handover | undefined;
    for (const event of events) if (event.type === "bailiff.handover") latestHandover = event;
    if (handover === undefined) {
      refuse(row.caseId, `the case was not handed over in package ${ack.packageId}`);
      continue;
    }
    const existing = new Set(events.map((event) => event.id));
    const existingPayments = new Set(
      events.flatMap((event) => (event.type === "payment.received" ? [event.paymentId] : [])),
    );
    const idOf = (...parts: string[]) =>
      `ack-${sha256Hex(JSON.stringify([ack.packageId, entry.caseNumber, ...parts])).slice(0, 24)}`;
    const base = { recordedAt: input.recordedAt, by: input.by };
    const office = cleanText(handover.bailiff);
    // The later of the record's date and the handover's (ISO dates compare as text).
    const at = [entry.date, handover.at].sort()[1] as string;
    const proposed: Record<string, unknown>[] = [];
    const values: Record<string, string> = { "bailiff.status": entry.status };
    if (entry.bailiffFileNumber !== undefined)
      values[BAILIFF_FILE_NUMBER_FIELD] = cleanText(entry.bailiffFileNumber);
    proposed.push({
      ...base,
      id: idOf("fields", entry.status, entry.date, entry.bailiffFileNumber ?? ""),
      type: "fields.set",
      at,
      values,
    });
    const words =
      entry.status === "accepted"
        ? `${office} accepted the case (package ${ack.packageId}), file number ${entry.bailiffFileNumber}`
        : entry.status === "refused"
          ? `${office} refused the case (package ${ack.packageId}): ${entry.reason}. ${
              latestHandover === handover
                ? "The case is the firm's again: its scenario goes on; send it to another office (resend with a reason) or close it."
                : `The case was sent on to ${cleanText(latestHandover?.bailiff ?? "another office")} since and stays with that office.`
            }`
          : `${office}: ${entry.status}${entry.text === undefined ? "" : ` (${entry.text})`}`;
    proposed.push({
      ...base,
      id: idOf("note", entry.status, entry.date, entry.reason ?? "", entry.text ?? ""),
      type: "note.added",
      at,
      text: cleanText(words),
    });
    // A refusal gives the case back, when it answers the handover the case is with.
    if (entry.status === "refused" && latestHandover === handover)
      proposed.push({
        ...base,
        id: idOf("returned", entry.date, entry.reason ?? ""),
        type: "bailiff.returned",
        at,
        bailiff: office,
        handoverId: handover.id,
        ...(handover.packageId === undefined ? {} : { packageId: handover.packageId }),
        reason: cleanText(entry.reason ?? "refused"),
      });
    for (const payment of entry.payments) {
      const paymentId = `bailiff-${scopeSafe(ack.office)}-${payment.id}`.slice(0, 128);
      if (existingPayments.has(paymentId)) continue;
      proposed.push({
        ...base,
        id: idOf("payment", payment.id),
        type: "payment.received",
        at: payment.date,
        paymentId,
        amount: payment.amount,
        reference: cleanText(
          payment.reference ?? `${office} ${entry.bailiffFileNumber ?? ""}`.trim(),
        ),
      });
    }
    const fresh = proposed.filter((event) => !existing.has(event.id as string));
    if (fresh.length === 0) {
      outcomes.push({
        caseNumber: entry.caseNumber,
        caseId: row.caseId,
        status: entry.status,
        result: "already-recorded",
        events: [],
        reason: null,
      });
      continue;
    }
    const dates = fresh.map((event) => event.at as string).sort();
    await store.append(scope, {
      caseId: row.caseId,
      expectedVersion: stored.at(-1)?.version ?? 0,
      events: fresh,
      idempotencyKey: `ack:${sha256Hex(JSON.stringify([row.caseId, fresh.map((event) => event.id)])).slice(0, 40)}`,
      asOf: dates.at(-1) as string,
    });
    outcomes.push({
      caseNumber: entry.caseNumber,
      caseId: row.caseId,
      status: entry.status,
      result: "recorded",
      events: fresh.map((event) => event.id as string),
      reason: null,
    });
  }
  return outcomes;
}

function scopeSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, "-");
}
