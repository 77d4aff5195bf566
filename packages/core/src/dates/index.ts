export {
  addDays,
  addMonths,
  addYears,
  compareDates,
  daysBetween,
  daysInYearOf,
  eachDay,
  earlierOf,
  type IsoWeekday,
  isWeekend,
  laterOf,
} from "./day-arithmetic.js";
export { isIsoDate, parseIsoDate } from "./parse-iso-date.js";
