import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// The ZIP reader of the package's own tests, written from the specification (not jszip).
import { readZip } from "../../export-organi/test/support/read-zip.js";
import type { CliIo } from "../src/index.js";
import { main, openStore } from "../src/index.js";

const must = <T>(value: T | undefined): T => {
  if (value === undefined) throw new Error("expected a value");
  return value;
};

const dir = mkdtempSync(join(tmpdir(), "incasso-export-"));
const db = join(dir, "db");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (line) => out.push(line), err: (line) => err.push(line) };
  return { code: await main(args, io), out, err };
}

const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

const at = (date: string) => `${date}T09:00:00Z`;
const sender = file(
  "firm.json",
  JSON.stringify({ name: "Advocatenkantoor De Smet", enterpriseNumber: "0566.988.259" }),
);
const cases = file("cases.txt", "# to De Wolf\n2026/00042\n2026/09999\n");
const common = [
  "--office",
  "dewolf",
  "--sender",
  sender,
  "--cut-off",
  "2026-11-27",
  "--statement-format",
  "html",
  "--db",
  db,
  "--tenant",
  "firm",
];

// The letter sent on case 2026/00043, kept under a name of the host's choosing, and its invoice.
const LETTER = new TextEncoder().encode(
  "%PDF-1.4\n% formal notice of 2026-03-01, as sent\n%%EOF\n",
);
const INVOICE = new TextEncoder().encode("%PDF-1.4\n% invoice 2026-007, front and back\n%%EOF\n");
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const letters = join(dir, "letters");
const invoices = join(dir, "invoices");
mkdirSync(join(letters, "2026", "03"), { recursive: true });
mkdirSync(invoices, { recursive: true });
writeFileSync(join(letters, "2026", "03", "notice-43.pdf"), LETTER);
writeFileSync(join(letters, "unrelated.pdf"), "%PDF-1.4\n% another letter\n%%EOF\n");
writeFileSync(join(invoices, "2026-007.pdf"), INVOICE);

beforeAll(async () => {
  const opened = await openStore(db, "firm");
  await opened.store.putClient(opened.scope, { id: "acme", name: "Acme NV" });
  await opened.store.append(opened.scope, {
    caseId: "C42",
    expectedVersion: 0,
    asOf: "2026-02-01",
    events: [
      {
        id: "open",
        type: "case.opened",
        at: "2026-02-01",
        recordedAt: at("2026-02-01"),
        by: "clerk",
        caseNumber: "2026/00042",
        client: { id: "acme", name: "Acme NV" },
        debtors: [
          {
            id: "D1",
            kind: "legal-person",
            name: "Bouwbedrijf Peeters BV",
            language: "nl",
            consumer: false,
            enterpriseNumber: "0403.170.701",
          },
        ],
        owner: "an.peeters",
        lawyer: "mr. De Smet",
        rulePack: "be.b2b",
      },
      {
        id: "claim-1",
        type: "claim.added",
        at: "2026-02-01",
        recordedAt: at("2026-02-01"),
        by: "clerk",
        claim: {
          id: "F1",
          invoiceNumber: "2025-101",
          invoiceDate: "2025-11-15",
          dueDate: "2025-12-15",
          amount: "1250.00",
        },
      },
    ],
  });
  await opened.store.append(opened.scope, {
    caseId: "C43",
    expectedVersion: 0,
    asOf: "2026-03-01",
    events: [
      {
        id: "open",
        type: "case.opened",
        at: "2026-02-01",
        recordedAt: at("2026-02-01"),
        by: "clerk",
        caseNumber: "2026/00043",
        client: { id: "acme", name: "Acme NV" },
        debtors: [
          {
            id: "D1",
            kind: "legal-person",
            name: "Garage Janssens BV",
            language: "nl",
            consumer: false,
            enterpriseNumber: "0403.170.701",
          },
        ],
        owner: "an.peeters",
        lawyer: "mr. De Smet",
        rulePack: "be.b2b",
      },
      {
        id: "claim-1",
        type: "claim.added",
        at: "2026-02-01",
        recordedAt: at("2026-02-01"),
        by: "clerk",
        claim: {
          id: "F7",
          invoiceNumber: "2026-007",
          invoiceDate: "2026-01-05",
          dueDate: "2026-02-04",
          amount: "640.00",
        },
      },
      {
        id: "notice-1",
        type: "notice.sent",
        at: "2026-03-01",
        recordedAt: at("2026-03-01"),
        by: "clerk",
        channel: "registered-post",
        document: { sha256: sha256(LETTER), template: "nl/formal-notice-b2b", format: "pdf" },
      },
    ],
  });
  await opened.close();
}, 120_000);

describe("incasso export", () => {
  it("export bailiff writes the package, records the handover, and reports the unknown case number (exit 1)", async () => {
    const out = join(dir, "out1");
    const result = await run(["export", "bailiff", cases, "--out", out, ...common]);
    expect(result.err).toEqual([]);
    expect(result.code).toBe(1);
    expect(result.out[0]).toMatch(/^package HO-[0-9a-f]{32}: /);
    expect(result.out).toContain("2026/00042\thanded over");
    expect(result.out.some((line) => line.startsWith("2026/09999\trefused\tunknown-case"))).toBe(
      true,
    );
    const [zipName] = readdirSync(out);
    const bytes = readFileSync(join(out, zipName as string));
    expect(result.out[1]).toBe(`sha256 ${createHash("sha256").update(bytes).digest("hex")}`);
    // A ZIP keeps its entries' names uncompressed.
    expect(bytes.includes("documents/2026-00042_statement_1.html")).toBe(true);
    expect(bytes.includes("handover.xml")).toBe(true);
  });

  it("running it again answers the same package, byte for byte, recording nothing twice", async () => {
    const first = readdirSync(join(dir, "out1"));
    const out = join(dir, "out2");
    const result = await run(["export", "bailiff", cases, "--out", out, ...common]);
    expect(result.out).toContain("2026/00042\thanded over (already recorded)");
    expect(readdirSync(out)).toEqual(first);
    expect(
      readFileSync(join(out, first[0] as string)).equals(
        readFileSync(join(dir, "out1", first[0] as string)),
      ),
    ).toBe(true);
  });

  it("export bailiff --query hands over the open cases it finds, with the letter found by its hash and the invoice; every file of the ZIP checks against the manifest", async () => {
    const out = join(dir, "out-query");
    const args = [
      "export",
      "bailiff",
      "--query",
      '{"status":["open"],"clientId":"acme"}',
      "--letters",
      letters,
      "--invoices",
      invoices,
      "--out",
      out,
      ...common,
    ];
    const result = await run(args);
    expect(result.err).toEqual([]);
    // 2026/00042 is with the bailiff since the first export: the query no longer finds it.
    expect(result.out.slice(2)).toEqual(["2026/00043\thanded over", "1 handed over, 0 refused"]);
    expect(result.code).toBe(0);
    const [zipName] = readdirSync(out);
    const entries = readZip(readFileSync(join(out, zipName as string)));
    const file = (name: string) => must(entries.find((entry) => entry.name === name)).data;
    const manifest = JSON.parse(new TextDecoder().decode(file("manifest.json")));
    for (const listed of manifest.files)
      expect(sha256(file(listed.path)), listed.path).toBe(listed.sha256);
    expect(Buffer.from(file("documents/2026-00043_letter_1.pdf")).equals(Buffer.from(LETTER))).toBe(
      true,
    );
    expect(
      Buffer.from(file("documents/2026-00043_invoice_1.pdf")).equals(Buffer.from(INVOICE)),
    ).toBe(true);
    const handover = JSON.parse(new TextDecoder().decode(file("handover.json")));
    expect(handover.cases.map((entry: { caseNumber: string }) => entry.caseNumber)).toEqual([
      "2026/00043",
    ]);
    expect(handover.cases[0].procedure.letters[0].document.fileName).toBe(
      "documents/2026-00043_letter_1.pdf",
    );
    // The same query again: the same package, though its case left the status it names.
    const again = await run([
      ...args.slice(0, -common.length - 2),
      "--out",
      join(dir, "out-query2"),
      ...common,
    ]);
    expect(again.out).toContain("2026/00043\thanded over (already recorded)");
    expect(
      readFileSync(join(dir, "out-query2", zipName as string)).equals(
        readFileSync(join(out, zipName as string)),
      ),
    ).toBe(true);
  }, 120_000);

  it("export ack records the office's acknowledgement", async () => {
    const packageId = (readdirSync(join(dir, "out1"))[0] as string).split("_")[0];
    const ack = file(
      "ack.json",
      JSON.stringify({
        format: "incasso-bailiff-acknowledgement",
        version: "1.0",
        packageId,
        office: "dewolf",
        cases: [
          {
            caseNumber: "2026/00042",
            status: "accepted",
            date: "2026-11-30",
            bailiffFileNumber: "DW-26-1187",
          },
        ],
      }),
    );
    const result = await run(["export", "ack", ack, "--db", db, "--tenant", "firm"]);
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.out[0]).toBe("2026/00042\taccepted\trecorded");
    const again = await run(["export", "ack", ack, "--db", db, "--tenant", "firm"]);
    expect(again.out[0]).toBe("2026/00042\taccepted\talready-recorded");
  });

  it("refuses the organi placeholder profile with the fields to confirm (exit 2)", async () => {
    const result = await run([
      "export",
      "bailiff",
      cases,
      "--out",
      join(dir, "out3"),
      "--profile",
      "organi",
      ...common,
    ]);
    expect(result.code).toBe(2);
    expect(result.err.join("\n")).toMatch(/profile organi: not confirmed .*csv\.columns/);
    expect(result.err.join("\n")).toMatch(/confirmedFrom/);
  });

  it("refuses an --out it cannot write to before recording anything (exit 2)", async () => {
    const opened = await openStore(db, "firm");
    const events = (await opened.store.readEvents(opened.scope, "C42")).map(
      (stored) => stored.event,
    );
    await opened.store.append(opened.scope, {
      caseId: "C44",
      expectedVersion: 0,
      asOf: "2026-02-01",
      events: events
        .filter((event) => event.type === "case.opened" || event.type === "claim.added")
        .map((event) =>
          event.type === "case.opened" ? { ...event, caseNumber: "2026/00044" } : event,
        ),
    });
    await opened.close();
    const list = file("cases-44.txt", "2026/00044\n");
    const notAFolder = file("not-a-folder.txt", "a file where the folder should be");
    const refused = await run(["export", "bailiff", list, "--out", notAFolder, ...common]);
    expect(refused.code).toBe(2);
    expect(refused.err.join("\n")).toMatch(/--out: cannot write the package there/);
    const after = await openStore(db, "firm");
    const stored = await after.store.readEvents(after.scope, "C44");
    await after.close();
    expect(stored.map((entry) => entry.event.type)).toEqual(["case.opened", "claim.added"]);
    // The same export into a folder it can write hands the case over.
    const written = await run(["export", "bailiff", list, "--out", join(dir, "out-44"), ...common]);
    expect(written.out).toContain("2026/00044\thanded over");
  }, 120_000);

  it("answers bad usage with exit code 2 naming what is missing", async () => {
    const noOffice = await run([
      "export",
      "bailiff",
      cases,
      "--out",
      dir,
      "--sender",
      sender,
      "--db",
      db,
    ]);
    expect(noOffice.code).toBe(2);
    expect(noOffice.err.join("\n")).toMatch(/--office/);
    const both = await run(["export", "bailiff", cases, "--query", "{}", "--out", dir, ...common]);
    expect(both.code).toBe(2);
    const what = await run(["export", "nothing"]);
    expect(what.code).toBe(2);
    expect(what.err.join("\n")).toMatch(/bailiff or ack/);
  });
});
