// The bailiff page and API against a real server (PGlite, the demo firm): the package's ZIP
// downloads, its manifest's hashes match the files, the handover is on the case, and a disputed
// case is refused with its reason.
import { createHash } from "node:crypto";
import { inflateRawSync } from "node:zlib";
import { Temporal } from "temporal-polyfill";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer } from "./support/server.js";
import { startTestServer } from "./support/server.js";

const scope = { tenantId: "be-peeters" };
let server: TestServer;

/** The entries of a ZIP archive (stored or deflated), read from its central directory. */
function unzip(bytes: Uint8Array): Map<string, Uint8Array> {
  const data = Buffer.from(bytes);
  let end = data.length - 22;
  while (end >= 0 && data.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error("not a ZIP archive");
  const count = data.readUInt16LE(end + 10);
  let at = data.readUInt32LE(end + 16);
  const files = new Map<string, Uint8Array>();
  for (let index = 0; index < count; index++) {
    if (data.readUInt32LE(at) !== 0x02014b50) throw new Error("bad central directory");
    const method = data.readUInt16LE(at + 10);
    const compressed = data.readUInt32LE(at + 20);
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    const local = data.readUInt32LE(at + 42);
    const name = data.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
    const raw = data.subarray(start, start + compressed);
    files.set(name, method === 0 ? raw : inflateRawSync(raw));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

beforeAll(async () => {
  server = await startTestServer({ now: () => Temporal.Instant.from("2026-11-27T10:00:00Z") });
});
afterAll(async () => {
  await server?.close();
});

describe("the bailiff page", () => {
  it("offers the open cases as labelled checkboxes, with labels in nl, fr and en", async () => {
    for (const [lang, label] of [
      ["nl", "Fase"],
      ["fr", "Phase"],
      ["en", "Phase"],
    ] as const) {
      const html = await (await server.request(`/work/bailiff?lang=${lang}`, {}, "clerk")).text();
      expect(html).toContain(`<label for="bailiff-phase">${label}</label>`);
      expect(html).toMatch(/<input type="checkbox" id="bailiff-case-0" name="caseNumber"/);
      expect(html).toContain('<label for="bailiff-case-0">');
    }
  });

  it("builds a package whose manifest hashes match, and refuses a disputed case with its reason", async () => {
    const store = server.services.store;
    const open = (
      await store.listCases(scope, { status: ["open"], clientId: "acme-bouw", limit: 5 })
    ).items;
    const disputed = (await store.listCases(scope, { status: ["disputed"], limit: 1 })).items[0];
    expect(open.length).toBeGreaterThan(0);
    expect(disputed).toBeDefined();
    const chosen = open[0];
    if (chosen === undefined || disputed === undefined) return;

    const form = new URLSearchParams();
    form.append("caseNumber", chosen.caseNumber);
    form.set("caseNumbers", `${disputed.caseNumber}\r\n`);
    form.set("officeId", "dewolf");
    form.set("officeName", "Gerechtsdeurwaarder De Wolf");
    form.set("profile", "default");
    form.set("phase", "amicable");
    form.set("senderName", "Advocatenkantoor Peeters");
    form.set("senderEnterpriseNumber", "0566.988.259");
    form.set("senderLawyer", "mr. An Peeters");
    form.set("cutOff", "2026-11-27");
    const response = await server.request(
      "/work/bailiff/export?lang=en",
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form,
      },
      "lawyer",
    );
    expect(response.status).toBe(200);
    const page = await response.text();
    const refused =
      /<tr data-code="disputed"><th scope="row">([^<]+)<\/th><td>disputed<\/td><td>([^<]+)<\/td>/.exec(
        page,
      );
    expect(refused?.[1]).toBe(disputed.caseNumber);
    expect(refused?.[2]?.length).toBeGreaterThan(5);
    const link = /id="bailiff-download" href="([^"]+)"/.exec(page)?.[1] ?? "";
    const sha = /<code id="bailiff-sha256">([0-9a-f]{64})<\/code>/.exec(page)?.[1];
    expect(link).toMatch(/^\/work\/bailiff\/packages\/HO-[0-9a-f]{32}_dewolf\.zip$/);

    const zip = await server.request(link, {}, "clerk");
    expect(zip.status).toBe(200);
    expect(zip.headers.get("content-type")).toBe("application/zip");
    const bytes = new Uint8Array(await zip.arrayBuffer());
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(sha);
    const files = unzip(bytes);
    const manifest = JSON.parse(Buffer.from(files.get("manifest.json") ?? []).toString("utf8")) as {
      files: { path: string; sha256: string; size: number }[];
    };
    expect(manifest.files.length).toBeGreaterThan(3);
    for (const entry of manifest.files) {
      const content = files.get(entry.path);
      expect(content, entry.path).toBeDefined();
      expect(
        createHash("sha256")
          .update(content ?? new Uint8Array())
          .digest("hex"),
      ).toBe(entry.sha256);
      expect(content?.length).toBe(entry.size);
    }
    const handover = JSON.parse(Buffer.from(files.get("handover.json") ?? []).toString("utf8")) as {
      cases: { caseNumber?: string }[];
    };
    expect(handover.cases).toHaveLength(1);

    // The handover is on the case: it is now with the bailiff, and a second export refuses it.
    expect((await store.getCase(scope, chosen.caseId))?.status).toBe("with-bailiff");
    const api = await server.request(
      "/api/work/bailiff",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          caseNumbers: [chosen.caseNumber],
          office: { id: "other-office", name: "Huissier Dubois" },
          sender: { name: "Advocatenkantoor Peeters", enterpriseNumber: "0566.988.259" },
          phase: "amicable",
          cutOff: "2026-11-27",
        }),
      },
      "clerk",
    );
    expect(api.status).toBe(201);
    const again = (await api.json()) as { package: unknown; refused: { code: string }[] };
    expect(again.package).toBeNull();
    expect(again.refused.map((entry) => entry.code)).toEqual(["already-handed-over"]);
  });

  it("answers a handover without an office as problem+json naming the field", async () => {
    const response = await server.request(
      "/api/work/bailiff",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          caseNumbers: ["2026/00001"],
          sender: { name: "X", enterpriseNumber: "0566.988.259" },
          phase: "amicable",
          cutOff: "2026-11-27",
        }),
      },
      "clerk",
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { path: string }[] };
    expect(body.errors.map((error) => error.path)).toContain("office");
  });

  it("refuses the organi placeholder profile before anything is read", async () => {
    const response = await server.request(
      "/api/work/bailiff",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          caseNumbers: ["2026/00001"],
          office: { id: "organi-office", name: "Office on Organi" },
          sender: { name: "X", enterpriseNumber: "0566.988.259" },
          phase: "amicable",
          profile: "organi",
          cutOff: "2026-11-27",
        }),
      },
      "clerk",
    );
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
  });
});
