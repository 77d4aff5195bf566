// The import page and API against a real server (PGlite, the demo firm): the dry run writes
// nothing, an apply with one bad row imports the good cases and nothing of the bad one's case,
// the result file names the row, and importing the same file again changes nothing.
import { readFile } from "node:fs/promises";
import { Temporal } from "temporal-polyfill";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_IMPORT_PROFILE, writeDemoImport } from "../src/work/demo-import.js";
import { findImportJob, importJobsOf } from "../src/work/import-jobs.js";
import type { TestServer } from "./support/server.js";
import { startTestServer } from "./support/server.js";

const profile = {
  version: 1,
  id: "acme-test-cases",
  clientId: "acme-bouw",
  kind: "cases",
  encoding: "utf-8",
  delimiter: ";",
  decimalSeparator: ",",
  thousandsSeparator: ".",
  dateFormats: ["dd/mm/yyyy"],
  newCases: { rulePack: "be.b2b" },
  columns: {
    clientReference: { name: "Dossier" },
    debtorId: { name: "Klant" },
    debtorName: { name: "Naam" },
    debtorLanguage: { constant: "nl" },
    debtorKind: { constant: "legal-person" },
    invoiceNumber: { name: "Factuur" },
    invoiceDate: { name: "Factuurdatum" },
    dueDate: { name: "Vervaldag" },
    amount: { name: "Bedrag" },
  },
};

// Line 4 (the second invoice of T-2) has a day that does not exist.
const csv = [
  "Dossier;Klant;Naam;Factuur;Factuurdatum;Vervaldag;Bedrag",
  "T-1;K1;Alfa BV;F-1;05/01/2026;04/02/2026;1.234,56",
  "T-2;K2;Beta BV;F-2;05/01/2026;04/02/2026;500,00",
  "T-2;K2;Beta BV;F-3;05/01/2026;31/02/2026;100,00",
  "T-3;K3;Gamma BV;F-4;10/01/2026;09/02/2026;75,10",
  "",
].join("\r\n");

const scope = { tenantId: "be-peeters" };
let server: TestServer;

const caseNumbers = async () =>
  (await server.services.store.listCases(scope, { limit: 100 })).items
    .map((row) => row.caseNumber)
    .filter((number) => number.startsWith("acme-bouw/T-"))
    .sort();

function form(fields: Record<string, string | File>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

beforeAll(async () => {
  server = await startTestServer({ now: () => Temporal.Instant.from("2026-11-27T10:00:00Z") });
});
afterAll(async () => {
  await server?.close();
});

describe("the import page", () => {
  it("refuses a profile with a bad field, naming it", async () => {
    const bad = { ...profile, decimalSeparator: ";" };
    const response = await server.request(
      "/work/import/profiles",
      {
        method: "POST",
        body: form({ profile: new File([JSON.stringify(bad)], "bad.json") }),
      },
      "clerk",
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("profile.decimalSeparator");
  });

  it("keeps an uploaded profile and offers it in the picker, with labels in nl, fr and en", async () => {
    const saved = await server.request(
      "/work/import/profiles",
      {
        method: "POST",
        body: form({ profile: new File([JSON.stringify(profile)], "acme.json") }),
      },
      "clerk",
    );
    expect(saved.status).toBe(200);
    const page = await saved.text();
    expect(page).toContain('<option value="acme-test-cases"');
    expect(page).toMatch(/<label for="import-file">/);
    for (const [lang, label] of [
      ["nl", "Importprofiel"],
      ["fr", "Profil d'import"],
      ["en", "Import profile"],
    ] as const) {
      const html = await (await server.request(`/work/import?lang=${lang}`, {}, "clerk")).text();
      expect(html).toContain(`<label for="import-profile">${label.replace("'", "&#39;")}</label>`);
    }
  });

  it("is for the firm only: a portal user is refused", async () => {
    const response = await server.request("/work/import", {}, "portal");
    expect(response.status).toBe(403);
  });

  it("a dry run reports each row and case and writes nothing", async () => {
    const response = await server.request(
      "/work/import/dry-run",
      {
        method: "POST",
        body: form({ profileId: profile.id, file: new File([csv], "acme-2026-11.csv") }),
      },
      "clerk",
    );
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toMatch(/<tr id="row-4" class="outcome-error">/);
    expect(page).toMatch(/<tr id="row-3" class="outcome-skipped">/);
    expect(page).toMatch(/<tr id="row-2" class="outcome-new-claim">/);
    expect(page).toContain("Vervaldag");
    expect(page).toContain('id="import-apply"');
    expect(await caseNumbers()).toEqual([]);
  });

  it("an apply imports the good cases and nothing of the bad row's case; the result file names the row", async () => {
    const preview = await (
      await server.request(
        "/work/import/dry-run",
        {
          method: "POST",
          body: form({ profileId: profile.id, file: new File([csv], "acme-2026-11.csv") }),
        },
        "clerk",
      )
    ).text();
    const token = /name="upload" value="([0-9a-f]{64})"/.exec(preview)?.[1];
    expect(token).toBeDefined();
    const started = await server.request(
      "/work/import/apply",
      {
        method: "POST",
        body: new URLSearchParams({
          profileId: profile.id,
          upload: token ?? "",
          fileName: "acme-2026-11.csv",
        }),
        headers: { "content-type": "application/x-www-form-urlencoded" },
      },
      "clerk",
    );
    expect(started.status).toBe(303);
    const location = started.headers.get("location") ?? "";
    const jobId = /^\/work\/import\/jobs\/([0-9a-f-]{36})$/.exec(location)?.[1] ?? "";
    expect(jobId).not.toBe("");
    await importJobsOf(server.services).settled(jobId);

    const progress = (await (
      await server.request(`/api/work/import/${jobId}`, {}, "clerk")
    ).json()) as {
      finished: boolean;
      done: number;
      total: number;
      message: string;
      totals: { newCases: number; errors: number; skipped: number };
    };
    expect(progress).toMatchObject({ finished: true, done: 100, total: 100 });
    expect(progress.totals).toMatchObject({ newCases: 2, errors: 1, skipped: 1 });
    expect(await caseNumbers()).toEqual(["acme-bouw/T-1", "acme-bouw/T-3"]);

    const page = await (await server.request(location, {}, "clerk")).text();
    expect(page).toContain('id="result-csv"');
    expect(page).not.toContain("data-progress-url");
    const result = await (
      await server.request(`/work/import/jobs/${jobId}/result.csv?lang=en`, {}, "clerk")
    ).text();
    const row4 = result.split("\r\n").find((line) => line.startsWith("4;"));
    expect(row4).toContain("error");
    expect(row4).toContain("31/02/2026");
    const json = JSON.parse(
      await (await server.request(`/work/import/jobs/${jobId}/result.json`, {}, "clerk")).text(),
    ) as { batchId: string; rows: { row: number; outcome: string }[] };
    expect(json.rows.find((row) => row.row === 4)?.outcome).toBe("error");

    // The result outlives the server's memory: a registry that never saw the job (a restart)
    // reads it back from the data directory.
    const afterRestart = await findImportJob({ ...server.services }, scope.tenantId, jobId);
    expect(afterRestart?.state).toBe("done");
    expect(afterRestart?.result?.report.batchId).toBe(json.batchId);
  });

  it("importing the same file again through the API changes nothing", async () => {
    const before = await Promise.all(
      ["acme-bouw:r:T-1", "acme-bouw:r:T-3"].map(
        async (id) => (await server.services.store.readEvents(scope, id)).length,
      ),
    );
    const started = await server.request(
      "/api/work/import/apply",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          profileId: profile.id,
          fileName: "acme-2026-11.csv",
          content: Buffer.from(csv).toString("base64"),
        }),
      },
      "clerk",
    );
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };
    await importJobsOf(server.services).settled(id);
    const done = (await (await server.request(`/api/work/import/${id}`, {}, "clerk")).json()) as {
      report: {
        totals: { newCases: number; duplicates: number; errors: number };
        applied: { appended: number };
      };
    };
    expect(done.report.totals.newCases).toBe(0);
    // Rows 2 and 5 are there already; row 3 is skipped again with its case, row 4 is the error.
    expect(done.report.totals.duplicates).toBe(2);
    expect(done.report.totals.errors).toBe(1);
    expect(done.report.applied.appended).toBe(0);
    const after = await Promise.all(
      ["acme-bouw:r:T-1", "acme-bouw:r:T-3"].map(
        async (id) => (await server.services.store.readEvents(scope, id)).length,
      ),
    );
    expect(after).toEqual(before);
    expect(before.every((count) => count > 0)).toBe(true);
  });

  it("the API answers a bad body as problem+json naming the field", async () => {
    const response = await server.request(
      "/api/work/import/dry-run",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ fileName: "x.csv", content: "!!" }),
      },
      "clerk",
    );
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    const body = (await response.json()) as { errors: { path: string }[] };
    expect(body.errors.map((error) => error.path)).toEqual(
      expect.arrayContaining(["content", "profileId"]),
    );
  });

  it("the demo's profile and file: the picker offers it, the dry run shows the bad row", async () => {
    const path = await writeDemoImport(server.services, scope.tenantId);
    const page = await (await server.request("/work/import", {}, "clerk")).text();
    expect(page).toContain(`<option value="${DEMO_IMPORT_PROFILE.id}"`);
    const response = await server.request(
      "/api/work/import/dry-run",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          profileId: DEMO_IMPORT_PROFILE.id,
          fileName: "acme-bouw-import.csv",
          content: (await readFile(path)).toString("base64"),
        }),
      },
      "clerk",
    );
    expect(response.status).toBe(200);
    const report = (await response.json()) as {
      totals: { newCases: number; errors: number; skipped: number; newDebtors: number };
      rows: { row: number; outcome: string }[];
    };
    expect(report.totals).toMatchObject({ newCases: 2, errors: 1, skipped: 1, newDebtors: 2 });
    expect(report.rows.find((row) => row.row === 4)?.outcome).toBe("error");
  });

  it("a browser's multipart form carries its CSRF token as the _csrf field", async () => {
    const { cookie, csrfToken } = await server.session("clerk");
    const post = (token: string | null) => {
      const body = form({ profileId: profile.id, file: new File([csv], "acme-2026-11.csv") });
      if (token !== null) body.append("_csrf", token);
      return server.app.request("/work/import/dry-run", {
        method: "POST",
        headers: { cookie },
        body,
      });
    };
    expect((await post(csrfToken)).status).toBe(200);
    expect((await post(null)).status).toBe(403);
  });

  it("the API refuses a bad profile before anything is read, naming the field", async () => {
    const response = await server.request(
      "/api/work/import/apply",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          profile: { ...profile, dateFormats: ["mm/dd/yyyy"] },
          fileName: "acme.csv",
          content: Buffer.from(csv).toString("base64"),
        }),
      },
      "clerk",
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { path: string }[] };
    expect(body.errors[0]?.path).toMatch(/^profile\.dateFormats/);
  });
});
