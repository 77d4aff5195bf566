import { createMemoryStore } from "@incasso/memory";
import { describePipelineSuite } from "./pipeline-suite.js";

describePipelineSuite({ name: "the in-memory store", create: async () => createMemoryStore() });
