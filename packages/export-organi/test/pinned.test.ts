import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CaseEventJson } from "@incasso/core";
import { createMemoryStore } from "@incasso/memory";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { exportToBailiff, handoverToJson, sha256Hex } from "../src/index.js";
import { CREDITORS, must, OFFICE, SENDER, sampleEvents } from "./support/sample.js";

// The package of the sample case, pinned byte for byte. When the format changes on purpose,
// regenerate with UPDATE_PINNED=1 (and say so in the changeset): the JSON shows what changed.
const EXPECTED = join(import.meta.dirname, "expected");
const LETTER = new TextEncoder().encode(
  "%PDF-1.4\n% the formal notice of 2026-04-20, as sent\n%%EOF\n",
);
const INVOICE = new TextEncoder().encode("%PDF-1.4\n% invoice 2025-101, front and back\n%%EOF\n");

async function samplePackage() {
  const store = createMemoryStore();
  const scope = { tenantId: "firm" };
  await store.putClient(scope, { id: "acme", name: "Acme NV" });
  const events: CaseEventJson[] = [
    ...sampleEvents(),
    {
      id: "notice-1",
      type: "notice.sent",
      at: "2026-04-20",
      recordedAt: "2026-04-20T09:00:00Z",
      by: "clerk",
      channel: "registered-post",
      document: { sha256: sha256Hex(LETTER), template: "nl/formal-notice-b2b", format: "pdf" },
    },
  ];
  await store.append(scope, { caseId: "C42", expectedVersion: 0, events, asOf: "2026-06-30" });
  const result = await exportToBailiff({
    store,
    scope,
    selection: { caseNumbers: ["2026/00042"] },
    office: OFFICE,
    sender: SENDER,
    phase: "amicable",
    cutOff: "2026-06-30",
    createdAt: "2026-06-30T08:00:00Z",
    by: "clerk",
    creditors: CREDITORS,
    documents: {
      letter: async (_caseId, document) => (document.sha256 === sha256Hex(LETTER) ? LETTER : null),
      invoice: async (_caseId, claim) =>
        claim.id === "F1" ? { bytes: INVOICE, mediaType: "application/pdf" } : null,
    },
  });
  return must(result.package);
}

describe("the sample case's package, pinned", () => {
  it("is byte for byte the committed one (test/expected/sample-package.sha256, its data in sample-handover.json)", async () => {
    const made = await samplePackage();
    const json = handoverToJson(made.handover);
    if (process.env.UPDATE_PINNED === "1") {
      writeFileSync(join(EXPECTED, "sample-handover.json"), json);
      writeFileSync(join(EXPECTED, "sample-package.sha256"), `${made.sha256}  ${made.fileName}\n`);
    }
    // The data compared as JSON (the linter formats the committed file); the bytes by their hash.
    expect(JSON.parse(json)).toEqual(
      JSON.parse(readFileSync(join(EXPECTED, "sample-handover.json"), "utf8")),
    );
    expect(`${made.sha256}  ${made.fileName}\n`).toBe(
      readFileSync(join(EXPECTED, "sample-package.sha256"), "utf8"),
    );
    const zip = await JSZip.loadAsync(made.bytes);
    expect(await must(zip.file("handover.json")).async("string")).toBe(json);
  });

  it("is made again the same from the same case (no clock, no randomness, no map order)", async () => {
    const [a, b] = [await samplePackage(), await samplePackage()];
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  });
});
