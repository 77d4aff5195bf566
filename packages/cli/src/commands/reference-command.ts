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
import type { CommandSpec, ParsedArguments } from "../options.js";
import { parseArguments, UsageError } from "../options.js";

/**
 * The reference schemes the CLI and the vectors can create, by their contract names.
 *
 * @example
 * ```ts
 * import { REFERENCE_CREATORS } from "@incasso/cli";
 * REFERENCE_CREATORS["be.ogm"]?.("1234567890"); // "+++123/4567/89002+++"
 * ```
 */
export const REFERENCE_CREATORS: Readonly<Record<string, (input: string) => string>> = {
  "be.ogm": createOgm,
  rf: createRfReference,
  "nl.betalingskenmerk": createNlPaymentReference,
};
/**
 * The schemes the CLI and the vectors can validate: the payment references and the identifiers.
 *
 * @example
 * ```ts
 * import { REFERENCE_VALIDATORS } from "@incasso/cli";
 * REFERENCE_VALIDATORS.iban?.("BE72000000001616"); // true
 * ```
 */
export const REFERENCE_VALIDATORS: Readonly<Record<string, (input: string) => boolean>> = {
  "be.ogm": isValidOgm,
  rf: isValidRfReference,
  "nl.betalingskenmerk": isValidNlPaymentReference,
  iban: isValidIban,
  "be.kbo": isValidBeEnterpriseNumber,
  "be.national-number": isValidBeNationalNumber,
};

/**
 * The declaration of `incasso reference`: its arguments and example.
 *
 * @example
 * ```ts
 * import { commandHelp, REFERENCE_COMMAND } from "@incasso/cli";
 * console.log(commandHelp(REFERENCE_COMMAND));
 * ```
 */
export const REFERENCE_COMMAND: CommandSpec = {
  name: "reference",
  summary:
    "creates a payment reference, or validates a reference or identifier (exit code 1 when invalid)",
  arguments: [
    { name: "<create|validate>", description: "what to do" },
    {
      name: "<scheme>",
      description: `create: ${Object.keys(REFERENCE_CREATORS).join(", ")}; validate: ${Object.keys(REFERENCE_VALIDATORS).join(", ")}`,
    },
    { name: "<input>", description: "the number to make a reference of, or the text to validate" },
  ],
  options: [],
  example: "incasso reference create be.ogm 1234567890",
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
  return referenceResult(parseArguments(REFERENCE_COMMAND, args));
}

/** {@link referenceCommand} on arguments already parsed. */
export function referenceResult(parsed: ParsedArguments): { ok: boolean; line: string } {
  const [op, scheme = "", input = ""] = parsed.positionals;
  if (op === "create") {
    const create = REFERENCE_CREATORS[scheme];
    if (!create)
      throw new UsageError(
        `scheme: expected one of ${Object.keys(REFERENCE_CREATORS).join(", ")} (got: ${JSON.stringify(scheme)})`,
      );
    return { ok: true, line: create(input) };
  }
  if (op === "validate") {
    const validate = REFERENCE_VALIDATORS[scheme];
    if (!validate)
      throw new UsageError(
        `scheme: expected one of ${Object.keys(REFERENCE_VALIDATORS).join(", ")} (got: ${JSON.stringify(scheme)})`,
      );
    const ok = validate(input);
    return { ok, line: ok ? "valid" : "invalid" };
  }
  throw new UsageError(`operation: expected create or validate (got: ${JSON.stringify(op ?? "")})`);
}
