/**
 * @module
 */
export * from "./parse/index.js";
export * from "./apply/index.js";
