import { describeMemoryStoreConformance } from "../src/index.js";

describeMemoryStoreConformance();
