import type { RatesFile, RateTable, RulePackPolicy } from "@incasso/core";
import {
  IncassoError,
  parseRatesFile,
  RULE_PACK_POLICY_DEFAULTS,
  resolveRateTables,
  rulePackPolicySchema,
} from "@incasso/core";
import type { OptionSpec, ParsedArguments } from "./options.js";
import { UsageError } from "./options.js";
import { readJsonFile } from "./read-json-file.js";

/**
 * The options of every command that computes statements: `statement`, `case`, `agenda` and
 * `plan` declare these, so an option added here (such as a rates file) reaches all of them.
 *
 * @example
 * ```ts
 * import { CALCULATING_OPTIONS } from "@incasso/cli";
 * CALCULATING_OPTIONS.map((option) => option.name);
 * ```
 */
export const CALCULATING_OPTIONS: readonly OptionSpec[] = [
  {
    name: "rates",
    value: "rates.json",
    description:
      "a rates file: rates published after this release, added to the built-in tables (see incasso rates)",
  },
];

/**
 * The rate tables of `--rates file.json`: the built-in tables extended with the file's entries
 * (and the tables derived from the ECB rate extended with it), or `undefined` without the option.
 * A file that cannot be read or is not JSON is an `InputFileError`; a wrong entry is `INVALID_INPUT`
 * naming it (`rates.tables.nl.legal.entries.0.rate`), prefixed with the file name.
 *
 * @example
 * ```ts
 * import { CALCULATING_OPTIONS, parseArguments, ratesFromArguments } from "@incasso/cli";
 * const spec = { name: "statement", summary: "", arguments: [], options: CALCULATING_OPTIONS, example: "" };
 * ratesFromArguments(parseArguments(spec, [])); // undefined: the built-in tables
 * ```
 */
export function ratesFromArguments(
  parsed: ParsedArguments,
): ReadonlyMap<string, RateTable> | undefined {
  const file = parsed.value("rates");
  if (file === undefined) return undefined;
  return resolveRateTables(readRatesFile(file));
}

/**
 * Reads and validates a rates file (see {@link ratesFromArguments}).
 *
 * @example
 * ```ts
 * import { readRatesFile } from "@incasso/cli";
 * declare const path: string;
 * readRatesFile(path).tables;
 * ```
 */
export function readRatesFile(file: string): RatesFile {
  const json = readJsonFile(file, { label: `--rates ${file}` });
  try {
    return parseRatesFile(json);
  } catch (error) {
    if (error instanceof IncassoError)
      throw new IncassoError(error.code, `--rates ${file}: ${error.message}`, error.issues);
    throw error;
  }
}

/**
 * The options of the commands that apply rule packs to cases (`case`, `agenda`): the rule-pack
 * policies, one by one or from a JSON file.
 *
 * @example
 * ```ts
 * import { POLICY_OPTIONS } from "@incasso/cli";
 * POLICY_OPTIONS.map((option) => option.name); // ["policy", "policy-file"]
 * ```
 */
export const POLICY_OPTIONS: readonly OptionSpec[] = [
  {
    name: "policy",
    value: "key=value",
    repeatable: true,
    description: "a rule-pack policy, e.g. receiptDays=3 (wins over --policy-file)",
  },
  {
    name: "policy-file",
    value: "policy.json",
    description: 'a JSON object of rule-pack policies, e.g. { "receiptDays": 3 }',
  },
];

/**
 * The help lines of the policy options: every policy with its default.
 *
 * @example
 * ```ts
 * import { POLICY_NOTES } from "@incasso/cli";
 * POLICY_NOTES.join("\n");
 * ```
 */
export const POLICY_NOTES: readonly string[] = [
  "rule-pack policies (default in brackets; shown in the output when they differ from it):",
  ...Object.entries(RULE_PACK_POLICY_DEFAULTS).map(
    ([key, value]) => `  ${key} (${value ?? "none"})`,
  ),
];

type PolicyKey = keyof typeof RULE_PACK_POLICY_DEFAULTS;
const POLICY_KEYS = Object.keys(RULE_PACK_POLICY_DEFAULTS) as PolicyKey[];
/** Policies whose value is a number; every other one is a string. */
const NUMERIC_KEYS: ReadonlySet<string> = new Set(["receiptDays"]);

/**
 * The rule-pack policy of `--policy-file` and the `--policy key=value` options (which win), each
 * validated with the core's schema; a wrong one is a usage error naming the option and the key:
 * `--policy receiptDays: expected a whole number of days`.
 *
 * @example
 * ```ts
 * import { parseArguments, POLICY_OPTIONS, policyFromArguments } from "@incasso/cli";
 * const spec = { name: "case", summary: "", arguments: [], options: POLICY_OPTIONS, example: "" };
 * policyFromArguments(parseArguments(spec, ["--policy", "receiptDays=3"])); // { receiptDays: 3 }
 * ```
 */
export function policyFromArguments(parsed: ParsedArguments): RulePackPolicy {
  const policy: Record<string, unknown> = {};
  const file = parsed.value("policy-file");
  if (file !== undefined) {
    const json = readJsonFile(file, { label: `--policy-file ${file}` });
    if (json === null || typeof json !== "object" || Array.isArray(json))
      throw new UsageError(`--policy-file ${file}: expected a JSON object of policies`);
    for (const [key, value] of Object.entries(json)) {
      check(`--policy-file ${file}: ${key}`, key, value);
      policy[key] = value;
    }
  }
  for (const pair of parsed.list("policy")) {
    const equals = pair.indexOf("=");
    const key = equals < 0 ? pair : pair.slice(0, equals);
    if (equals < 0)
      throw new UsageError(`--policy ${key}: expected key=value, e.g. --policy receiptDays=3`);
    const text = pair.slice(equals + 1);
    if (NUMERIC_KEYS.has(key) && !/^-?\d+(\.\d+)?$/.test(text))
      throw new UsageError(`--policy ${key}: expected a number (got ${JSON.stringify(text)})`);
    const value = NUMERIC_KEYS.has(key) ? Number(text) : text;
    check(`--policy ${key}`, key, value);
    policy[key] = value;
  }
  return policy as RulePackPolicy;
}

function check(label: string, key: string, value: unknown): void {
  if (!(POLICY_KEYS as string[]).includes(key))
    throw new UsageError(`${label}: unknown policy; expected one of ${POLICY_KEYS.join(", ")}`);
  const result = rulePackPolicySchema.safeParse({ [key]: value });
  if (!result.success) {
    const message = result.error.issues[0]?.message ?? "invalid";
    throw new UsageError(`${label}: ${message.replace(/^Invalid (input|option): /, "")}`);
  }
}

/**
 * A policy set to something other than its default, as the outputs show it.
 *
 * @example
 * ```ts
 * import type { PolicyInEffect } from "@incasso/cli";
 * const line = (p: PolicyInEffect) => `${p.key} ${p.value} (default ${p.default ?? "none"})`;
 * ```
 */
export interface PolicyInEffect {
  readonly key: string;
  readonly value: string | number;
  readonly default: string | number | null;
}

/**
 * The policies of a rule-pack policy that differ from the defaults, in the order of the defaults.
 *
 * @example
 * ```ts
 * import { policiesDifferingFromDefaults } from "@incasso/cli";
 * policiesDifferingFromDefaults({ receiptDays: 2, book19AboveCap: "nothing" });
 * // [{ key: "book19AboveCap", value: "nothing", default: "capped" }]
 * ```
 */
export function policiesDifferingFromDefaults(policy: RulePackPolicy): PolicyInEffect[] {
  return POLICY_KEYS.flatMap((key) => {
    const value = policy[key];
    const fallback = RULE_PACK_POLICY_DEFAULTS[key];
    return value === undefined || value === fallback
      ? []
      : [{ key, value, default: fallback ?? null }];
  });
}
