export type {
  BankTransaction,
  StructuredReference,
  StructuredReferenceKind,
} from "./bank-transaction.js";
