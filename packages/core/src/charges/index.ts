export {
  B2B_COMPENSATION,
  beBook19Damages,
  nlBikAmount,
  type PenaltyClause,
  penaltyAmount,
} from "./penalty-clause.js";
