/**
 * One option of a command: `--name` alone (a flag) or `--name <value>` (also `--name=<value>`).
 *
 * @example
 * ```ts
 * import type { OptionSpec } from "@incasso/cli";
 * const asOf: OptionSpec = { name: "as-of", value: "YYYY-MM-DD", description: "the date of the report" };
 * ```
 */
export interface OptionSpec {
  /** The name without its dashes: `as-of` is written `--as-of`. */
  readonly name: string;
  /** The placeholder of its value in the help (`YYYY-MM-DD`); absent for a flag. */
  readonly value?: string;
  /** A value option that may be given more than once; its values are collected in order. */
  readonly repeatable?: boolean;
  /** One line for the help. */
  readonly description: string;
}

/**
 * One positional argument of a command, for its usage line and help.
 *
 * @example
 * ```ts
 * import type { ArgumentSpec } from "@incasso/cli";
 * const file: ArgumentSpec = { name: "<events.json>", description: "the events of the case" };
 * ```
 */
export interface ArgumentSpec {
  /** As the usage line shows it: `<events.json>`, `[nl|fr|en]`, `<file-or-dir>...`. */
  readonly name: string;
  readonly description: string;
  /** Takes every remaining argument. */
  readonly variadic?: boolean;
}

/**
 * What a command declares about itself: its name, what it does, its arguments and options, and an
 * example. The option parser, the `--help` text and the usage overview are made from it.
 *
 * @example
 * ```ts
 * import type { CommandSpec } from "@incasso/cli";
 * const spec: CommandSpec = {
 *   name: "holidays", summary: "the holidays of a calendar year",
 *   arguments: [{ name: "<be|nl>", description: "the calendar" }], options: [],
 *   example: "incasso holidays nl 2026",
 * };
 * ```
 */
export interface CommandSpec {
  readonly name: string;
  /** One line: what the command gives. */
  readonly summary: string;
  readonly arguments: readonly ArgumentSpec[];
  readonly options: readonly OptionSpec[];
  /** The options shown on the usage line (the others are summed up as `[options]`). */
  readonly synopsis?: string;
  readonly example: string;
  /** Lines of help after the options (exit codes, notes). */
  readonly notes?: readonly string[];
}

/**
 * The values of a command's options after parsing: a flag is `true` when given, a value option
 * its value (the last one given), a repeatable option the list of its values.
 *
 * @example
 * ```ts
 * import type { OptionValues } from "@incasso/cli";
 * declare const values: OptionValues;
 * const asOf = values["as-of"];
 * ```
 */
export type OptionValues = Readonly<Record<string, string | boolean | readonly string[]>>;

/**
 * The arguments of a command after parsing.
 *
 * @example
 * ```ts
 * import type { ParsedArguments } from "@incasso/cli";
 * const wantsJson = (parsed: ParsedArguments) => parsed.flag("json");
 * ```
 */
export interface ParsedArguments {
  /** `--help` or `-h` was given: the caller prints the help and stops. */
  readonly help: boolean;
  readonly positionals: readonly string[];
  readonly values: OptionValues;
  /** Whether a flag was given. */
  flag(name: string): boolean;
  /** The value of a value option, if given (the last one when given more than once). */
  value(name: string): string | undefined;
  /** Every value of a repeatable option, in order. */
  list(name: string): readonly string[];
}

/**
 * A mistake in how a command was called (an unknown option, a missing value): exit code 2.
 *
 * @example
 * ```ts
 * import { UsageError } from "@incasso/cli";
 * new UsageError("case: unknown option --frobnicate").message;
 * ```
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** The options every command has: `--debug` is read by `main` wherever it stands. */
const HELP: OptionSpec = { name: "help", description: "show this help" };
const DEBUG: OptionSpec = {
  name: "debug",
  description: "on an internal error (exit code 70), show its stack",
};
const GLOBAL_OPTIONS: readonly OptionSpec[] = [DEBUG, HELP];

/**
 * Parses a command's arguments against its declared options. `--help` and `-h` anywhere ask for
 * the help (nothing else is checked then); `--debug` is accepted by every command; an option the
 * command does not declare, a value option
 * without its value, a flag given a value and a positional argument too many are a
 * {@link UsageError} naming the option and the command. `--` ends the options.
 *
 * @example
 * ```ts
 * import { parseArguments } from "@incasso/cli";
 * const spec = { name: "x", summary: "x", arguments: [{ name: "<file>", description: "a file" }],
 *   options: [{ name: "json", description: "JSON" }], example: "incasso x a.json --json" };
 * parseArguments(spec, ["a.json", "--json"]).flag("json"); // true
 * ```
 */
export function parseArguments(spec: CommandSpec, args: readonly string[]): ParsedArguments {
  const help = args.some((arg) => arg === "--help" || arg === "-h");
  const values: Record<string, string | boolean | string[]> = {};
  const positionals: string[] = [];
  const byName = new Map(
    [...spec.options, ...GLOBAL_OPTIONS].map((option) => [option.name, option]),
  );
  for (let at = 0; at < args.length && !help; at++) {
    const arg = args[at] as string;
    if (arg === "--") {
      positionals.push(...args.slice(at + 1));
      break;
    }
    // A lone "-" and negative numbers are values, not options.
    if (!arg.startsWith("-") || arg === "-" || /^-\d/.test(arg)) {
      positionals.push(arg);
      continue;
    }
    const equals = arg.indexOf("=");
    const name = (equals < 0 ? arg : arg.slice(0, equals)).replace(/^--?/, "");
    const option = arg.startsWith("--") ? byName.get(name) : undefined;
    if (option === undefined)
      throw new UsageError(
        `${spec.name}: unknown option ${equals < 0 ? arg : arg.slice(0, equals)} (see incasso ${spec.name} --help)`,
      );
    if (option.value === undefined) {
      if (equals >= 0) throw new UsageError(`--${name}: takes no value (incasso ${spec.name})`);
      values[name] = true;
      continue;
    }
    let value: string | undefined;
    if (equals >= 0) value = arg.slice(equals + 1);
    else {
      value = args[at + 1];
      if (value?.startsWith("--")) value = undefined;
      else at++;
    }
    if (value === undefined || value === "")
      throw new UsageError(`--${name}: expected ${option.value} (incasso ${spec.name})`);
    if (option.repeatable) {
      const list = values[name];
      values[name] = Array.isArray(list) ? [...list, value] : [value];
    } else values[name] = value;
  }
  const variadic = spec.arguments.some((argument) => argument.variadic);
  if (!help && !variadic && positionals.length > spec.arguments.length) {
    throw new UsageError(
      `${spec.name}: unexpected argument ${JSON.stringify(positionals[spec.arguments.length])} (see incasso ${spec.name} --help)`,
    );
  }
  return {
    help,
    positionals,
    values,
    flag: (name) => values[name] === true,
    value: (name) => {
      const value = values[name];
      return typeof value === "string" ? value : undefined;
    },
    list: (name) => {
      const value = values[name];
      return Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
    },
  };
}

/**
 * The usage line of a command: `incasso case <events.json> --as-of YYYY-MM-DD [options]`. A
 * synopsis that starts with a word (a subcommand) is the whole form and replaces the arguments:
 * `incasso reminders run --date YYYY-MM-DD … [options]`.
 *
 * @example
 * ```ts
 * import { usageLine } from "@incasso/cli";
 * usageLine({ name: "plan", summary: "", arguments: [{ name: "<request.json>", description: "" }], options: [], example: "" });
 * // "incasso plan <request.json>"
 * ```
 */
export function usageLine(spec: CommandSpec): string {
  // A synopsis that starts with a word is the whole form of a command with subcommands
  // (`run --date …`, `import <file>… | review …`): it replaces the argument names.
  const whole = spec.synopsis !== undefined && /^[a-z]/.test(spec.synopsis);
  return [
    `incasso ${spec.name}`,
    ...(whole ? [] : spec.arguments.map((argument) => argument.name)),
    ...(spec.synopsis ? [spec.synopsis] : []),
    ...(spec.options.length > 0 ? ["[options]"] : []),
  ].join(" ");
}

/**
 * The `--help` text of a command, made from its declaration: the usage line, what it does, its
 * arguments, its options (with `-h, --help`) and an example.
 *
 * @example
 * ```ts
 * import { commandHelp, parseArguments } from "@incasso/cli";
 * declare const spec: Parameters<typeof parseArguments>[0];
 * commandHelp(spec).split("\n")[0]; // "usage: incasso ..."
 * ```
 */
export function commandHelp(spec: CommandSpec): string {
  const rows = (items: readonly [string, string][]) => {
    const width = Math.max(...items.map(([left]) => left.length)) + 2;
    return items.map(([left, right]) => `  ${left.padEnd(width)}${right}`);
  };
  const summary = `${spec.summary.charAt(0).toUpperCase()}${spec.summary.slice(1)}.`;
  const lines = [`usage: ${usageLine(spec)}`, "", summary];
  if (spec.arguments.length > 0) {
    lines.push("", "arguments:");
    lines.push(...rows(spec.arguments.map((argument) => [argument.name, argument.description])));
  }
  lines.push("", "options:");
  lines.push(
    ...rows(
      [...spec.options, ...GLOBAL_OPTIONS].map((option) => [
        `${option.name === "help" ? "-h, " : ""}--${option.name}${option.value ? ` ${option.value}` : ""}`,
        `${option.description}${option.repeatable ? " (repeatable)" : ""}`,
      ]),
    ),
  );
  if (spec.notes && spec.notes.length > 0) lines.push("", ...spec.notes);
  lines.push("", "example:", `  ${spec.example}`);
  return lines.join("\n");
}
