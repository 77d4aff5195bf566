/**
 * @module
 */
export * from "./parse/index.js";
