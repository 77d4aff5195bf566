/**
 * @module
 */

export * from "./apply/index.js";
export * from "./parse/index.js";
