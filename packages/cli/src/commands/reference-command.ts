import {
  createNlPaymentReference,
  createOgm,
  createRfReference,
  isValidBeEnterpriseNumber,
  isValidBeNationalNumber,
  isValidIban,
  isValidNlPaymentReference,
  isValidOgm,
  isValidRfReference,
} from "@incasso/core";

const CREATE: Record<string, (input: string) => string> = {
  "be.ogm": createOgm,
  rf: createRfReference,
  "nl.betalingskenmerk": createNlPaymentReference,
};
const VALIDATE: Record<string, (input: string) => boolean> = {
  "be.ogm": isValidOgm,
  rf: isValidRfReference,
  "nl.betalingskenmerk": isValidNlPaymentReference,
  iban: isValidIban,
  "be.kbo": isValidBeEnterpriseNumber,
  "be.national-number": isValidBeNationalNumber,
};

/**
 * The result of `incasso reference <create|validate> <scheme> <input>`: the created reference,
 * or `valid` / `invalid`, with `ok` false for an invalid input.
 *
 * @example
 * ```ts
 * import { referenceCommand } from "@incasso/cli";
 * referenceCommand(["create", "be.ogm", "1234567890"]); // { ok: true, line: "+++123/4567/89002+++" }
 * ```
 */
export function referenceCommand(args: readonly string[]): { ok: boolean; line: string } {
  const [op, scheme = "", input = ""] = args;
  if (op === "create") {
    const create = CREATE[scheme];
    if (!create)
      throw new Error(
        `scheme: expected one of ${Object.keys(CREATE).join(", ")} (got: ${JSON.stringify(scheme)})`,
      );
    return { ok: true, line: create(input) };
  }
  if (op === "validate") {
    const validate = VALIDATE[scheme];
    if (!validate)
      throw new Error(
        `scheme: expected one of ${Object.keys(VALIDATE).join(", ")} (got: ${JSON.stringify(scheme)})`,
      );
    const ok = validate(input);
    return { ok, line: ok ? "valid" : "invalid" };
  }
  throw new Error(`operation: expected create or validate (got: ${JSON.stringify(op ?? "")})`);
}
