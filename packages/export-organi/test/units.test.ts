import { createMemoryStore } from "@incasso/memory";
import { describe, expect, it } from "vitest";
import type { HandoverProfile } from "../src/index.js";
import {
  acknowledgementSchema,
  assertProfileConfirmed,
  collectCaseDocuments,
  DEFAULT_PROFILE,
  exportToBailiff,
  neutraliseCell,
  ORGANI_PROFILE,
  parseAcknowledgement,
  parseHandoverProfile,
  readCsv,
  safeFileName,
  sha256Hex,
} from "../src/index.js";
import { must, OFFICE, SENDER, sampleEvents } from "./support/sample.js";

describe("safeFileName", () => {
  it.each([
    ["../../etc/passwd", "etc-passwd"],
    ["2026/00042", "2026-00042"],
    ["..", "file"],
    ["", "file"],
    ["Façade été", "Facade-ete"],
    ["invoice\u202Efdp.exe", "invoice-fdp.exe"],
    ["a\u0000b", "a-b"],
    ["CON", "file-CON"],
    ["nul.pdf", "file-nul.pdf"],
    [".hidden", "hidden"],
    ["C:\\Windows\\x", "C-Windows-x"],
  ])("%j becomes %j", (name, safe) => {
    expect(safeFileName(name)).toBe(safe);
  });

  it("keeps names to 100 characters", () => {
    expect(safeFileName("x".repeat(300))).toHaveLength(100);
  });
});

describe("neutraliseCell and readCsv", () => {
  it("neutralises what a spreadsheet reads as a formula, and nothing else", () => {
    expect(["=1+1", "+32 9", "-5", "@A1", "\tx", "\rx", "1,5", "a=b"].map(neutraliseCell)).toEqual([
      "'=1+1",
      "'+32 9",
      "'-5",
      "'@A1",
      "'\tx",
      "'\rx",
      "1,5",
      "a=b",
    ]);
  });

  it("reads quoted cells, doubled quotes, line breaks in quotes, CRLF and a byte order mark", () => {
    expect(readCsv('\uFEFFa;b\r\n"x;1";"say ""hi"""\r\n"two\nlines";\r\n\r\n', ";")).toEqual([
      ["a", "b"],
      ["x;1", 'say "hi"'],
      ["two\nlines", ""],
    ]);
  });

  it("refuses a quote never closed, naming the line", () => {
    expect(() => readCsv('a;b\n"open;1\n', ";")).toThrow(/line 2/);
  });
});

describe("profiles", () => {
  it("the organi placeholder is refused with every unconfirmed field and the way to confirm", () => {
    let caught: unknown;
    try {
      assertProfileConfirmed(ORGANI_PROFILE);
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: "INVALID_INPUT" });
    const error = caught as { message: string; issues: { path: string }[] };
    expect(error.issues.map((issue) => issue.path)).toEqual(
      ORGANI_PROFILE.unconfirmed.map((field) => `profile.${field}`),
    );
    expect(error.message).toMatch(/import specification/);
    expect(error.message).toMatch(/docs\/bailiff-handover\.md/);
  });

  it("a profile whose fields are all confirmed but that names no source is refused too", () => {
    expect(() => assertProfileConfirmed({ ...ORGANI_PROFILE, unconfirmed: [] })).toThrow(
      /confirmedFrom/,
    );
  });

  it("the organi profile completed from an office's specification is accepted and shapes the CSV", async () => {
    const completed: HandoverProfile = parseHandoverProfile({
      ...ORGANI_PROFILE,
      version: "organi-test-1",
      unconfirmed: [],
      confirmedFrom: {
        document: "Import specification received from the office (test)",
        date: "2026-11-20",
        by: "an.peeters",
      },
      files: { json: false, xml: false, csv: true, documents: true },
      fileNames: {
        ...ORGANI_PROFILE.fileNames,
        csv: "import.csv",
        document: "{caseKey}-{kind}{n}.{ext}",
      },
      csv: {
        ...ORGANI_PROFILE.csv,
        columns: [
          { header: "DOSSIER", field: "case.number" },
          { header: "SALDO", field: "case.balance" },
        ],
      },
    });
    expect(() => assertProfileConfirmed(completed)).not.toThrow();
    const store = createMemoryStore();
    const scope = { tenantId: "firm" };
    await store.putClient(scope, { id: "acme", name: "Acme NV" });
    await store.append(scope, {
      caseId: "C1",
      expectedVersion: 0,
      events: sampleEvents(),
      asOf: "2026-06-30",
    });
    const result = await exportToBailiff({
      store,
      scope,
      selection: { caseNumbers: ["2026/00042"] },
      office: OFFICE,
      sender: SENDER,
      profile: completed,
      phase: "amicable",
      cutOff: "2026-06-30",
      createdAt: "2026-06-30T08:00:00Z",
      by: "clerk",
      documents: {
        invoice: async () => ({ bytes: new Uint8Array([1]), mediaType: "application/pdf" }),
      },
    });
    const made = must(result.package);
    const paths = made.files.map((file) => file.path);
    expect(paths).toContain("import.csv");
    expect(paths).toContain("documents/2026-00042-invoice1.pdf");
    expect(paths).not.toContain("handover.json");
    expect(made.handover.envelope.profile).toEqual({ id: "organi", version: "organi-test-1" });
  });

  it("a profile that is not one is refused naming the field", () => {
    expect(() =>
      parseHandoverProfile({ ...DEFAULT_PROFILE, csv: { ...DEFAULT_PROFILE.csv, separator: "|" } }),
    ).toThrow(/profile\.csv\.separator/);
    expect(() =>
      parseHandoverProfile({
        ...DEFAULT_PROFILE,
        fileNames: { ...DEFAULT_PROFILE.fileNames, document: "{kind}.{ext}" },
      }),
    ).toThrow(/\{caseKey\}/);
    expect(() =>
      parseHandoverProfile({
        ...DEFAULT_PROFILE,
        fileNames: { ...DEFAULT_PROFILE.fileNames, json: "../x.json" },
      }),
    ).toThrow(/profile\.fileNames\.json/);
    expect(() =>
      parseHandoverProfile({
        ...DEFAULT_PROFILE,
        files: { json: false, xml: false, csv: false, documents: true },
      }),
    ).toThrow(/at least one data file/);
  });
});

describe("bad input", () => {
  it("an export without a valid cut-off, office or sender is refused naming the field, and nothing is written", async () => {
    const store = createMemoryStore();
    const scope = { tenantId: "firm" };
    const base = {
      store,
      scope,
      selection: { caseNumbers: ["x"] },
      office: OFFICE,
      sender: SENDER,
      phase: "amicable" as const,
      cutOff: "2026-06-30",
      createdAt: "2026-06-30T08:00:00Z",
      by: "clerk",
    };
    await expect(exportToBailiff({ ...base, cutOff: "30/06/2026" })).rejects.toThrow(
      /export\.cutOff/,
    );
    await expect(exportToBailiff({ ...base, office: { id: "../x", name: "X" } })).rejects.toThrow(
      /export\.office\.id/,
    );
    await expect(
      exportToBailiff({ ...base, sender: { name: "Firm", enterpriseNumber: "" } }),
    ).rejects.toThrow(/export\.sender\.enterpriseNumber/);
    await expect(
      exportToBailiff({ ...base, selection: { query: { status: ["lost"] } as never } }),
    ).rejects.toThrow(/export\.selection\.query\.status/);
  });

  it("a letter whose bytes are not those its event recorded is refused, never shipped", async () => {
    const events = [
      ...sampleEvents(),
      {
        id: "n1",
        type: "notice.sent",
        at: "2026-04-20",
        recordedAt: "2026-04-20T09:00:00Z",
        by: "clerk",
        channel: "post",
        document: {
          sha256: sha256Hex("the letter as sent"),
          template: "nl/formal-notice-b2b",
          format: "pdf",
        },
      },
    ];
    await expect(
      collectCaseDocuments({
        caseId: "C1",
        caseKey: "2026-00042",
        events,
        cutOff: "2026-06-30",
        creditor: { name: "Acme NV" },
        profile: DEFAULT_PROFILE,
        sources: { letter: async () => new TextEncoder().encode("another letter") },
      }),
    ).rejects.toThrow(/not the [0-9a-f]{64} its event recorded/);
  });
});

describe("the acknowledgement format", () => {
  const base = {
    format: "incasso-bailiff-acknowledgement",
    version: "1.0",
    packageId: `HO-${"0".repeat(32)}`,
    office: "dewolf",
  };

  it("a refusal needs a reason and an acceptance the office's file number", () => {
    expect(
      acknowledgementSchema.safeParse({
        ...base,
        cases: [{ caseNumber: "1", status: "refused", date: "2026-11-30" }],
      }).success,
    ).toBe(false);
    expect(() =>
      parseAcknowledgement(
        JSON.stringify({
          ...base,
          cases: [{ caseNumber: "1", status: "accepted", date: "2026-11-30" }],
        }),
      ),
    ).toThrow(/acknowledgement\.cases\.0\.bailiffFileNumber/);
  });

  it("the CSV form gives the same acknowledgement as the JSON form", () => {
    const json = parseAcknowledgement(
      JSON.stringify({
        ...base,
        cases: [
          {
            caseNumber: "2026/1",
            status: "served",
            date: "2026-12-05",
            text: "Served",
            payments: [{ id: "P-1", date: "2026-12-04", amount: "25.00" }],
          },
        ],
      }),
    );
    const csv = parseAcknowledgement(
      [
        "format;version;package_id;office;record;case_number;status;date;bailiff_file_number;reason;text;payment_id;amount;reference",
        `incasso-bailiff-acknowledgement;1.0;${base.packageId};dewolf;case;2026/1;served;2026-12-05;;;Served;;;`,
        `incasso-bailiff-acknowledgement;1.0;${base.packageId};dewolf;payment;2026/1;;2026-12-04;;;;P-1;25.00;`,
      ].join("\n"),
    );
    expect(csv).toEqual(json);
  });

  it("a CSV without the columns, or with a payment before its case, is refused naming what", () => {
    expect(() => parseAcknowledgement("a;b\n1;2\n")).toThrow(/expected the columns/);
    expect(() =>
      parseAcknowledgement(
        [
          "format;version;package_id;office;record;case_number;status;date;bailiff_file_number;reason;text;payment_id;amount;reference",
          `incasso-bailiff-acknowledgement;1.0;${base.packageId};dewolf;payment;2026/1;;2026-12-04;;;;P-1;25.00;`,
        ].join("\n"),
      ),
    ).toThrow(/line 2: a payment before the case row/);
  });
});

describe("a case that changes while the package is made", () => {
  /** Two cases, and a store that lets a colleague append `late` to C1 just before its handover. */
  async function race(late: Record<string, unknown>) {
    const store = createMemoryStore();
    const scope = { tenantId: "firm" };
    await store.putClient(scope, { id: "acme", name: "Acme NV" });
    await store.append(scope, {
      caseId: "C1",
      expectedVersion: 0,
      events: sampleEvents(),
      asOf: "2026-06-30",
    });
    await store.append(scope, {
      caseId: "C2",
      expectedVersion: 0,
      events: sampleEvents({ caseNumber: "2026/00043" }),
      asOf: "2026-06-30",
    });
    let interfered = false;
    const racing = {
      ...store,
      append: async (target: typeof scope, request: Parameters<typeof store.append>[1]) => {
        if (!interfered && request.caseId === "C1") {
          interfered = true;
          await store.append(target, {
            caseId: "C1",
            expectedVersion: request.expectedVersion,
            events: [
              { at: "2026-06-30", recordedAt: "2026-06-30T08:00:01Z", by: "colleague", ...late },
            ],
            asOf: "2026-06-30",
          });
        }
        return store.append(target, request);
      },
    };
    const input = {
      store: racing,
      scope,
      selection: { caseNumbers: ["2026/00042", "2026/00043"] },
      office: OFFICE,
      sender: SENDER,
      phase: "amicable" as const,
      cutOff: "2026-06-30",
      createdAt: "2026-06-30T08:00:00Z",
      by: "clerk",
    };
    const result = await exportToBailiff(input);
    const types = (await store.readEvents(scope, "C1")).map((stored) => stored.event.type);
    return { result, types, again: () => exportToBailiff({ ...input, store }) };
  }

  it("is reported not-recorded when what changed is in the package (run the export again), and the handovers of the others stand", async () => {
    const { result, types } = await race({
      id: "late-payment",
      type: "payment.received",
      paymentId: "P-late",
      amount: "100.00",
    });
    expect(result.refused).toEqual([
      expect.objectContaining({ caseNumber: "2026/00042", code: "not-recorded" }),
    ]);
    expect(result.handedOver.map((entry) => entry.caseNumber)).toEqual(["2026/00043"]);
    expect(types).not.toContain("bailiff.handover");
  });

  it("is recorded when only a note was added meanwhile: the package is still exact, and a rerun answers it byte for byte", async () => {
    const { result, types, again } = await race({
      id: "late-note",
      type: "note.added",
      text: "Debtor called",
    });
    expect(result.refused).toEqual([]);
    expect(result.handedOver.map((entry) => entry.caseNumber)).toEqual([
      "2026/00042",
      "2026/00043",
    ]);
    expect(types.slice(-2)).toEqual(["note.added", "bailiff.handover"]);
    const rerun = await again();
    expect(rerun.handedOver.map((entry) => entry.replayed)).toEqual([true, true]);
    expect(must(rerun.package).sha256).toBe(must(result.package).sha256);
  });
});
