export { DeliveryError } from "./delivery-error.js";
export { ERROR_CODES, type ErrorCode } from "./error-codes.js";
export { fromZodError, parseInput } from "./from-zod-error.js";
export { fieldError, IncassoError, type IssueDetail } from "./incasso-error.js";
