import { describe, it } from "vitest";
import { describeDocumentRendererConformance } from "../../testkit/src/document-renderer-conformance.js";
import { createHtmlRenderer, createPdfRenderer } from "../src/index.js";
import { CHROMIUM, realComponents } from "./tools.js";

describeDocumentRendererConformance({ name: "html", create: () => createHtmlRenderer() });

if (realComponents("DocumentRenderer conformance on PDF"))
  describeDocumentRendererConformance({
    name: "pdf (Chromium)",
    create: () => createPdfRenderer({ executablePath: CHROMIUM }),
  });
else describe.skip("DocumentRenderer conformance: pdf (Chromium)", () => it("needs Chromium"));
