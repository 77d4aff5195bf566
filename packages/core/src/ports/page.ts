/**
 * A page of a keyset-paginated list: the items and the cursor of the next page (null on the last).
 * A cursor is opaque: pass it back as `after`; a text that is not one answers `INVALID_INPUT` at
 * `query.after`.
 *
 * @example
 * ```ts
 * import type { Page, CaseRow } from "@incasso/core";
 * const more = (page: Page<CaseRow>) => page.nextCursor !== null;
 * ```
 */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}
