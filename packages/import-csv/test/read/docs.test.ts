import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import iconv from "iconv-lite";
import { describe, expect, test } from "vitest";
import type { CaseRowRecord } from "../../src/index.js";
import { parseImportProfile, readImportRows } from "../../src/index.js";
import { collect, recordOf } from "../support/fixtures.js";

const whole = readFileSync(
  fileURLToPath(new URL("../../../../docs/import.md", import.meta.url)),
  "utf8",
);
// The reading sections: from "Profiles" to the end of "Excel workbooks".
const start = whole.indexOf("\n## Profiles");
const excel = whole.indexOf("\n## Excel workbooks");
const after = whole.indexOf("\n## ", excel + 1);
const page = whole.slice(start, after === -1 ? undefined : after);
const blocks = (language: string) =>
  [...page.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, "g"))].map(
    (match) => match[1] ?? "",
  );

describe("docs/import.md", () => {
  test("its example profiles are valid profiles, and the Belgian sample file reads by the Belgian one", async () => {
    const profiles = blocks("json").map((json) => parseImportProfile(JSON.parse(json)));
    expect(profiles.map((profile) => profile.id)).toEqual([
      "bakkerij-peeters-cases",
      "groothandel-de-vries-cases",
    ]);
    const sample = blocks("text")[0] ?? "";
    const rows = await collect(
      readImportRows(profiles[0], new Uint8Array(iconv.encode(sample, "windows-1252"))),
    );
    expect(rows[0]?.issues).toEqual([]);
    const record = recordOf<CaseRowRecord>(rows, 0);
    expect(record.debtor.name).toBe("Brasserie Léonie BV");
    expect(record.debtor.contacts[0]).toEqual({
      kind: "address",
      value: "Kerkstraat 1, 9000 Gent, BE",
    });
    expect(record.claim.amount.toFixed(2)).toBe("1234.56");
    expect(record.paymentReference).toBe("090933755493");
  });

  test("its sample messages are the ones the reader writes", async () => {
    const profile = JSON.parse(blocks("json")[0] ?? "{}");
    const header = (blocks("text")[0] ?? "").split(/\r?\n/)[0] ?? "";
    const lines = [
      header,
      ...Array.from({ length: 5 }, () => "D1;K1;N;N;;;;;;F1;05/01/2026;04/02/2026;1,00;"),
      "D1;K1;N;N;;;;;;F1;05/01/2026;31/02/2026;1,00;",
    ];
    const rows = await collect(readImportRows(profile, new TextEncoder().encode(lines.join("\n"))));
    const issue = rows.at(-1)?.issues[0];
    const shown = blocks("text")[1] ?? "";
    expect(shown).toContain(issue?.message.nl);
    expect(shown).toContain(issue?.message.fr);
    expect(shown).toContain(issue?.message.en);
  });
});
