import { formatAmount, Money, proposePlan } from "@incasso/core";
import type { CommandSpec, ParsedArguments } from "../options.js";
import { parseArguments } from "../options.js";
import { CALCULATING_OPTIONS, ratesFromArguments } from "../policy-options.js";

/**
 * The declaration of `incasso plan`: its arguments, options and example.
 *
 * @example
 * ```ts
 * import { commandHelp, PLAN_COMMAND } from "@incasso/cli";
 * console.log(commandHelp(PLAN_COMMAND));
 * ```
 */
export const PLAN_COMMAND: CommandSpec = {
  name: "plan",
  summary: "a payment plan proposal, or why the request cannot be met (exit code 1)",
  arguments: [
    {
      name: "<request.json>",
      description: "the plan request (amount, first due date, frequency, schedule)",
    },
  ],
  options: [{ name: "json", description: "the proposal as JSON" }, ...CALCULATING_OPTIONS],
  example: "incasso plan examples/plans/monthly-with-interest.json --json",
};

/**
 * The lines of `incasso plan <request.json> [--json]`: the proposed schedule (due date, principal,
 * interest, fee, instalment, balance after), the totals, the payment reference and the default
 * rule; or the code and reason when the request cannot be met (`ok` false).
 *
 * @param request - the parsed JSON of the plan request
 * @param args - the command's options
 * @example
 * ```ts
 * import { planCommand } from "@incasso/cli";
 * planCommand({ amount: "900.00", firstDueDate: "2026-03-02", frequency: "monthly", schedule: { count: 3 } }, []).lines[0];
 * ```
 */
export function planCommand(
  request: unknown,
  args: readonly string[],
): { ok: boolean; lines: string[] } {
  return planLines(request, parseArguments(PLAN_COMMAND, args));
}

/** {@link planCommand} on arguments already parsed. */
export function planLines(
  request: unknown,
  parsed: ParsedArguments,
): { ok: boolean; lines: string[] } {
  const rateTables = ratesFromArguments(parsed);
  const result = proposePlan(request, rateTables === undefined ? {} : { rateTables });
  if (!result.ok) return { ok: false, lines: [`${result.code}: ${result.message}`] };
  const plan = result.plan;
  const money = (value: { toFixed(places: number): string }) => value.toFixed(2);
  if (parsed.flag("json")) {
    const json = {
      id: plan.id,
      reference: plan.reference,
      defaultRule: plan.defaultRule,
      totals: Object.fromEntries(
        Object.entries(plan.totals).map(([key, value]) => [key, money(value)]),
      ),
      instalments: plan.instalments.map((i) => ({
        number: i.number,
        dueDate: i.dueDate.toString(),
        principal: money(i.principal),
        interest: money(i.interest),
        fee: money(i.fee),
        amount: money(i.amount),
        balanceAfter: money(i.balanceAfter),
      })),
    };
    return { ok: true, lines: [JSON.stringify(json, null, 2)] };
  }
  const pad = (value: string, width = 11) => value.padStart(width);
  const lines = [
    `Payment plan ${plan.id}${plan.replaces ? ` (replaces ${plan.replaces})` : ""}: ${formatAmount(Money.of(plan.totals.financed), { locale: "en" })} in ${plan.instalments.length} instalments, ${plan.firstDueDate.toString()} to ${plan.lastDueDate.toString()}`,
    "",
    `  ${"#".padStart(3)}  ${"due".padEnd(10)} ${pad("principal")} ${pad("interest")} ${pad("fee")} ${pad("instalment")} ${pad("balance")}`,
  ];
  for (const i of plan.instalments) {
    const label = i.number === 0 ? "down" : String(i.number);
    lines.push(
      `  ${label.padStart(3)}  ${i.dueDate.toString()} ${pad(money(i.principal))} ${pad(money(i.interest))} ${pad(money(i.fee))} ${pad(money(i.amount))} ${pad(money(i.balanceAfter))}`,
    );
  }
  const t = plan.totals;
  lines.push(
    "",
    `  total ${money(t.total)} = financed ${money(t.financed)} + interest ${money(t.interest)} + fees ${money(t.fees)}`,
    `  payment reference: ${plan.reference ?? "none"}`,
    `  default: ${plan.defaultRule.kind === "days-late" ? `an instalment more than ${plan.defaultRule.days} days late` : `${plan.defaultRule.count} instalments missed at the same time (grace ${plan.defaultRule.graceDays} days)`}`,
  );
  return { ok: true, lines };
}
