import { isIsoDate } from "../dates/parse-iso-date.js";
import { IncassoError } from "../errors/incasso-error.js";

/**
 * Writes the keyset cursor of a list page: the sort key of the page's last item (its sort value,
 * or null, and its id), as an opaque text the next query passes back as `after`.
 *
 * @example
 * ```ts
 * import { encodeCursor } from "@incasso/core/adapter-kit";
 * const after = encodeCursor(["2026-02-01", "C7"]);
 * ```
 */
export function encodeCursor(key: readonly (string | null)[]): string {
  return JSON.stringify(key);
}

/**
 * Reads a keyset cursor written by {@link encodeCursor}: `arity` values, the last one an id (never
 * null). A text that is not such a cursor is `INVALID_INPUT` naming `query.after`.
 *
 * @example
 * ```ts
 * import { decodeCursor, encodeCursor } from "@incasso/core/adapter-kit";
 * decodeCursor(encodeCursor(["2026-02-01", "C7"]), 2); // ["2026-02-01", "C7"]
 * ```
 */
export function decodeCursor(cursor: string, arity: number): (string | null)[] {
  let key: unknown;
  try {
    key = JSON.parse(cursor);
  } catch {
    key = undefined;
  }
  if (
    !Array.isArray(key) ||
    key.length !== arity ||
    !key.every((part) => part === null || typeof part === "string") ||
    typeof key.at(-1) !== "string"
  ) {
    throw invalidCursor(cursor);
  }
  return key as (string | null)[];
}

function invalidCursor(cursor: string): IncassoError {
  return new IncassoError(
    "INVALID_INPUT",
    `query.after: expected the nextCursor of a previous page of this list (got: ${JSON.stringify(cursor)})`,
    [{ path: "query.after", message: "expected the nextCursor of a previous page of this list" }],
  );
}

/**
 * Reads the cursor of a case list page in a sort order, as every store must: `[caseId]` for
 * `case-id`, else `[value, caseId]` where the value is null (a case without one) or, for
 * `next-action` and `last-contact`, an existing date `YYYY-MM-DD` (year 0001 or later), and for
 * `balance` an amount with two decimals. The id uses the alphabet of store ids. Anything else is
 * `INVALID_INPUT` naming `query.after`: a cursor is what a previous page answered, never made up.
 *
 * @example
 * ```ts
 * import { decodeCaseCursor } from "@incasso/core/adapter-kit";
 * decodeCaseCursor("balance", '["120.50","C7"]'); // { value: "120.50", caseId: "C7" }
 * ```
 */
export function decodeCaseCursor(
  sort: "case-id" | "next-action" | "balance" | "last-contact",
  cursor: string,
): { readonly value: string | null; readonly caseId: string } {
  const key = decodeCursor(cursor, sort === "case-id" ? 1 : 2);
  const caseId = key.at(-1) ?? "";
  const value = sort === "case-id" ? null : (key[0] ?? null);
  const valid =
    STORE_ID.test(caseId) &&
    (value === null ||
      (sort === "balance" ? AMOUNT.test(value) : isIsoDate(value) && !value.startsWith("0000")));
  if (!valid) throw invalidCursor(cursor);
  return { value, caseId };
}

const STORE_ID = /^[A-Za-z0-9._:/-]{1,120}$/;
const AMOUNT = /^-?\d{1,12}\.\d{2}$/;

/**
 * Reads the cursor of a stored agenda page: `[dueDate, entryId]`, an existing date (year 0001 or
 * later) and an entry id (no NUL character). Anything else is `INVALID_INPUT` naming `query.after`.
 *
 * @example
 * ```ts
 * import { decodeAgendaCursor } from "@incasso/core/adapter-kit";
 * decodeAgendaCursor('["2026-01-31","2026-01-31/C1/step-1"]').entryId; // "2026-01-31/C1/step-1"
 * ```
 */
export function decodeAgendaCursor(cursor: string): {
  readonly dueDate: string;
  readonly entryId: string;
} {
  const [dueDate, entryId] = decodeCursor(cursor, 2);
  if (
    dueDate === null ||
    dueDate === undefined ||
    !isIsoDate(dueDate) ||
    dueDate.startsWith("0000") ||
    entryId === null ||
    entryId === undefined ||
    entryId === "" ||
    entryId.includes("\u0000")
  )
    throw invalidCursor(cursor);
  return { dueDate, entryId };
}
