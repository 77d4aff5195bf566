import type { AmountLocale, Deadline } from "@incasso/core";
import {
  beCalendar,
  createOgm,
  daysBetween,
  formatAmount,
  formatBeEnterpriseNumber,
  formatIban,
  fromZodError,
  isIsoDate,
  isValidBeEnterpriseNumber,
  isValidIban,
  judicialCodeDeadlineAfterPosting,
  Money,
  nlCalendar,
  parseIsoDate,
  termijnenwetDeadline,
} from "@incasso/core";
import { z } from "zod";

const isoDate = z.string().refine(isIsoDate, { message: "expected a date written YYYY-MM-DD" });
const decimal = z
  .string()
  .regex(/^\d+(\.\d{1,2})?$/, { message: "expected an amount such as 1210.00" });
const party = z.object({
  name: z.string().min(1),
  enterpriseNumber: z.string().optional(),
  iban: z.string().optional(),
  language: z.enum(["nl", "fr", "en"]).default("nl"),
});

/**
 * Zod schema of the sample case the `incasso case` command reads: a case with its parties,
 * claims and the formal notice to send, in either jurisdiction.
 *
 * @example
 * ```ts
 * import { caseOverviewInputSchema } from "@incasso/cli";
 * caseOverviewInputSchema.parse({
 *   caseNumber: "2026/0042", jurisdiction: "be", asOf: "2026-11-23", ogmBase: "2026004201",
 *   creditor: { name: "Bouwwerken Peeters BV" }, debtor: { name: "Janssens" },
 *   claims: [{ id: "F-1", principal: "100.00", dueDate: "2026-09-30" }],
 *   notice: { date: "2026-11-23", days: 15 },
 * });
 * ```
 */
export const caseOverviewInputSchema = z.object({
  caseNumber: z.string().min(1),
  jurisdiction: z.enum(["be", "nl"]),
  asOf: isoDate,
  ogmBase: z
    .string()
    .regex(/^\d{10}$/, { message: "expected exactly 10 digits" })
    .optional(),
  creditor: party,
  debtor: party,
  claims: z.array(z.object({ id: z.string().min(1), principal: decimal, dueDate: isoDate })).min(1),
  notice: z.object({ date: isoDate, days: z.number().int().min(1).max(365) }),
});

/**
 * The sample case read by `incasso case`.
 *
 * @example
 * ```ts
 * import type { CaseOverviewInput } from "@incasso/cli";
 * type Claims = CaseOverviewInput["claims"];
 * ```
 */
export type CaseOverviewInput = z.infer<typeof caseOverviewInputSchema>;

const LOCALES: Record<"be" | "nl", Record<"nl" | "fr" | "en", AmountLocale>> = {
  be: { nl: "nl-BE", fr: "fr-BE", en: "en" },
  nl: { nl: "nl-NL", fr: "fr-BE", en: "en" },
};

/**
 * The overview of a case as a clerk checks it before the formal notice goes out: parties with
 * their identifiers checked, claims with days past due and the total in the debtor's language, the
 * structured payment reference, and the notice deadline with the rule and the days it was
 * extended over. Belgium: the term runs from the third working day after posting (Judicial Code
 * art. 53bis, 52, 53); the Netherlands: from the day after receipt, extended by the Algemene
 * termijnenwet.
 *
 * @param input - the parsed JSON of the case
 * @example
 * ```ts
 * import { caseOverview } from "@incasso/cli";
 * const lines = caseOverview({
 *   caseNumber: "2026/0042", jurisdiction: "be", asOf: "2026-11-23",
 *   creditor: { name: "Bouwwerken Peeters BV" }, debtor: { name: "Janssens", language: "fr" },
 *   claims: [{ id: "F-1", principal: "1210.00", dueDate: "2026-09-30" }],
 *   notice: { date: "2026-11-23", days: 15 },
 * });
 * ```
 */
export function caseOverview(input: unknown): string[] {
  const parsed = caseOverviewInputSchema.safeParse(input);
  if (!parsed.success) throw fromZodError(parsed.error, "case");
  const file = parsed.data;
  const asOf = parseIsoDate(file.asOf, "case.asOf");
  const locale = LOCALES[file.jurisdiction][file.debtor.language];
  const lines = [
    `Case ${file.caseNumber} (${file.jurisdiction.toUpperCase()}), as of ${file.asOf}`,
    "",
  ];
  lines.push(
    `Creditor  ${describeParty(file.creditor)}`,
    `Debtor    ${describeParty(file.debtor)}`,
    "",
    "Claims",
  );
  const principals = file.claims.map((claim, index) => {
    const amount = Money.of(claim.principal, "EUR", `case.claims.${index}.principal`);
    const due = parseIsoDate(claim.dueDate, `case.claims.${index}.dueDate`);
    const late = daysBetween(due, asOf);
    const status =
      late > 0 ? `${late} days past due` : late === 0 ? "due today" : `due in ${-late} days`;
    lines.push(
      `  ${claim.id.padEnd(14)} due ${claim.dueDate}  ${status.padEnd(18)} ${formatAmount(amount, { locale })}`,
    );
    return amount;
  });
  lines.push(
    `  ${"Total principal".padEnd(51)} ${formatAmount(Money.sum(principals), { locale })}`,
    "",
  );
  if (file.ogmBase !== undefined) lines.push(`Payment reference  ${createOgm(file.ogmBase)}`, "");
  const notice = parseIsoDate(file.notice.date, "case.notice.date");
  const deadline =
    file.jurisdiction === "be"
      ? judicialCodeDeadlineAfterPosting(beCalendar(), notice, file.notice.days)
      : termijnenwetDeadline(nlCalendar(), notice, file.notice.days);
  lines.push(
    ...describeDeadline(file.jurisdiction, file.notice.date, deadline, file.debtor.language),
  );
  return lines;
}

function describeParty(who: z.infer<typeof party>): string {
  const parts = [who.name];
  if (who.enterpriseNumber !== undefined) {
    const valid = isValidBeEnterpriseNumber(who.enterpriseNumber);
    parts.push(
      valid
        ? `KBO/BCE ${formatBeEnterpriseNumber(who.enterpriseNumber)} (valid)`
        : `KBO/BCE ${who.enterpriseNumber} (INVALID)`,
    );
  }
  if (who.iban !== undefined) {
    parts.push(`IBAN ${formatIban(who.iban)} (${isValidIban(who.iban) ? "valid" : "INVALID"})`);
  }
  return parts.join(", ");
}

function describeDeadline(
  jurisdiction: "be" | "nl",
  noticeDate: string,
  deadline: Deadline,
  language: "nl" | "fr" | "en",
): string[] {
  const lines =
    jurisdiction === "be"
      ? [`Formal notice posted ${noticeDate}: notified ${deadline.trigger.toString()}`]
      : [`14-day letter received ${noticeDate}`];
  lines.push(
    `  ${deadline.days}-day term from ${deadline.start.toString()} expires ${deadline.expiry.toString()} (${deadline.rule})`,
  );
  for (const day of deadline.skipped) {
    const why = day.holidays.map((holiday) => holiday.names[language]).join(", ") || "weekend";
    lines.push(`  extended over ${day.date.toString()}: ${why}`);
  }
  for (const note of deadline.notes) lines.push(`  note: ${note}`);
  return lines;
}
