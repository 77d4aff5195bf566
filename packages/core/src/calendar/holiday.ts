import type { Temporal } from "temporal-polyfill";
import type { LocalizedName } from "./calendar-definition.js";

/**
 * A day that is not a business day for a reason other than the weekend: a statutory holiday, a
 * day assimilated to one (a Dutch decree day), or a closure the host application added.
 *
 * @example
 * ```ts
 * import { beCalendar, parseIsoDate, type Holiday } from "@incasso/core";
 * const [holiday]: readonly Holiday[] = beCalendar().holidaysOn(parseIsoDate("2026-07-21"));
 * holiday?.names.fr; // "Fête nationale"
 * ```
 */
export interface Holiday {
  readonly date: Temporal.PlainDate;
  readonly names: LocalizedName;
  readonly kind: "statutory" | "assimilated" | "closure";
  /** The legal source (or the host application's reason) of the day. */
  readonly source: string;
}
