import type { HandoverPackage } from "../model/handover-package.js";

/**
 * A handover package as JSON text: two-space indentation, the model's field order, a final line
 * feed. The same package always gives the same text; it validates against the shipped
 * `schema/handover-1.0.schema.json`.
 *
 * @example
 * ```ts
 * import { handoverToJson, type HandoverPackage } from "@incasso/export-organi";
 * declare const handover: HandoverPackage;
 * const text = handoverToJson(handover);
 * ```
 */
export function handoverToJson(handover: HandoverPackage): string {
  return `${JSON.stringify(handover, null, 2)}\n`;
}
