export { ERROR_CODES, type ErrorCode } from "./error-codes.js";
export { fromZodError } from "./from-zod-error.js";
export { fieldError, IncassoError, type IssueDetail } from "./incasso-error.js";
