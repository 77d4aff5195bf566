import { IncassoError } from "../errors/incasso-error.js";

/**
 * Writes the keyset cursor of a list page: the sort key of the page's last item (its sort value,
 * or null, and its id), as an opaque text the next query passes back as `after`.
 *
 * @example
 * ```ts
 * import { encodeCursor } from "@incasso/core";
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
 * import { decodeCursor, encodeCursor } from "@incasso/core";
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
    throw new IncassoError(
      "INVALID_INPUT",
      `query.after: expected the nextCursor of a previous page of this list (got: ${JSON.stringify(cursor)})`,
      [{ path: "query.after", message: "expected the nextCursor of a previous page of this list" }],
    );
  }
  return key as (string | null)[];
}
