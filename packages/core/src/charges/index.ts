export {
  beBook19Damages,
  nlBikAmount,
  type PenaltyClause,
  penaltyAmount,
} from "./penalty-clause.js";
