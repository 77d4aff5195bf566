export { addBusinessDays } from "./add-business-days.js";
export { beCalendar, beCalendarDefinition } from "./be-calendar.js";
export { type BusinessCalendar, createCalendar, withRules } from "./business-calendar.js";
export {
  CALENDAR_YEARS,
  type CalendarDefinition,
  calendarDefinitionSchema,
  type DeadlineRule,
  type HolidayRule,
  holidayRuleSchema,
  type LocalizedName,
  localizedNameSchema,
  parseCalendarDefinition,
  type ResolvedCalendarDefinition,
} from "./calendar-definition.js";
export { countBusinessDays } from "./count-business-days.js";
export {
  type Deadline,
  judicialCodeDeadline,
  judicialCodeDeadlineAfterPosting,
  postalNotificationDate,
  type SkippedDay,
  statutoryDeadline,
  type TermijnenwetOptions,
  termijnenwetDeadline,
} from "./deadline.js";
export { easterSunday } from "./easter-sunday.js";
export type { Holiday } from "./holiday.js";
export { nlCalendar, nlCalendarDefinition } from "./nl-calendar.js";
export { SHIFT_RULES, type ShiftRule, shiftDate } from "./shift-date.js";
