import { createMemoryStore } from "@incasso/memory";
import { describeImportExamples } from "./examples-suite.js";
import { describePipelineSuite } from "./pipeline-suite.js";

const memory = { name: "the in-memory store", create: async () => createMemoryStore() };
describePipelineSuite(memory);
describeImportExamples(memory);
