import { IncassoError } from "../errors/incasso-error.js";

/**
 * The typed error of a stale writer: the case is no longer at the version the append expected,
 * because another writer appended first. Nothing of the stale append was stored; read the case
 * again, decide again, and append at `actualVersion`.
 *
 * @example
 * ```ts
 * import { StoreConflictError } from "@incasso/core";
 * try {
 *   // await store.append(scope, request);
 * } catch (error) {
 *   if (error instanceof StoreConflictError) console.log(error.caseId, error.actualVersion);
 * }
 * ```
 */
export class StoreConflictError extends IncassoError {
  /** The case appended to. */
  readonly caseId: string;
  /** The version the writer expected. */
  readonly expectedVersion: number;
  /** The version the case has. */
  readonly actualVersion: number;

  constructor(caseId: string, expectedVersion: number, actualVersion: number) {
    super(
      "VERSION_CONFLICT",
      `append.expectedVersion: expected the case's current version ${actualVersion} (got: ${expectedVersion}) for case ${caseId}`,
      [{ path: "append.expectedVersion", message: `expected ${actualVersion}` }],
    );
    this.name = "StoreConflictError";
    this.caseId = caseId;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }
}
