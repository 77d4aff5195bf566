// The import page: a client's file (CSV or XLSX) read by an import profile (picked from the firm's
// profiles, or a profile JSON uploaded), checked in a dry run that shows per row and per case what
// the import would do, then applied in the background with a progress bar and a result file.
import type { ImportReport, RowOutcome } from "@incasso/import-csv";
import { resultFileCsv, resultFileJson } from "@incasso/import-csv";
import type { Context, Hono } from "hono";
import { html, raw } from "hono/html";
import type { FieldError } from "../api/problem.js";
import { requireRole } from "../auth/require-role.js";
import type { AppEnv, Language } from "../context.js";
import type { Html } from "../web/layout.js";
import { csrfField, renderPage } from "../web/layout.js";
import { defineMessages } from "../web/messages.js";
import { dryRun, findImportJob, progressOf, startApply } from "../work/import-jobs.js";
import { errorList, fileOf } from "../work/ui.js";
import {
  errorsOf,
  findProfile,
  keepUpload,
  listProfiles,
  readUpload,
  saveProfile,
} from "../work/work-files.js";

const t = defineMessages({
  nl: {
    title: "Import van een klantbestand",
    intro:
      "Kies het importprofiel van de klant en het bestand (CSV of XLSX). Een proefrun toont per rij en per dossier wat de import zou doen, zonder iets te schrijven.",
    profile: "Importprofiel",
    noProfiles: "Nog geen profielen: laad eerst een profiel (JSON) op.",
    file: "Bestand van de klant (CSV of XLSX)",
    dryRun: "Proefrun",
    uploadProfile: "Een importprofiel opladen",
    profileFile: "Profiel (JSON)",
    upload: "Profiel opladen",
    profileSaved: "Profiel {id} bewaard.",
    errors: "Fouten",
    preview: "Proefrun van {file} met profiel {profile}",
    previewNote: "Er is niets geschreven. Een dossier met een foute rij wordt helemaal weggelaten.",
    totals: "Totalen",
    rowsCaption: "Rijen van het bestand en wat de import ermee doet",
    casesCaption: "Dossiers en wat de import ermee doet",
    row: "Rij",
    outcome: "Resultaat",
    case: "Dossier",
    debtor: "Schuldenaar",
    newCase: "Nieuw dossier",
    newDebtor: "Nieuwe schuldenaar",
    messages: "Meldingen",
    changes: "Wijzigingen",
    yes: "ja",
    no: "nee",
    apply: "Import uitvoeren",
    nothingToApply: "Er is niets om te schrijven.",
    progressTitle: "Import van {file}",
    progress: "Voortgang",
    resultCsv: "Resultaatbestand (CSV)",
    resultJson: "Resultaatbestand (JSON)",
    notFound: "Deze import bestaat niet (meer).",
    missingFile: "Kies een bestand.",
    missingProfile: "Kies een profiel.",
    expiredUpload: "Het opgeladen bestand is niet meer beschikbaar; laad het opnieuw op.",
    rows: "rijen",
    errorsCount: "met fouten",
    skipped: "overgeslagen",
    duplicates: "al aanwezig",
    newCases: "nieuwe dossiers",
    updatedCases: "bijgewerkte dossiers",
    unchangedCases: "ongewijzigde dossiers",
    newDebtors: "nieuwe schuldenaars",
    claimsAdded: "vorderingen toegevoegd",
    claimsCorrected: "vorderingen gecorrigeerd",
    payments: "betalingen",
    contactsAdded: "contactgegevens toegevoegd",
    actionsOrdered: "acties opgedragen",
    "o.new-claim": "nieuwe vordering",
    "o.corrected": "correctie",
    "o.payment": "betaling",
    "o.contact-added": "contact toegevoegd",
    "o.ordered": "actie opgedragen",
    "o.not-executed": "niet uitgevoerd",
    "o.duplicate": "al aanwezig",
    "o.skipped": "overgeslagen",
    "o.error": "fout",
    "c.new-case": "nieuw dossier",
    "c.updated": "bijgewerkt",
    "c.unchanged": "ongewijzigd",
    "c.skipped": "overgeslagen",
    "c.error": "fout",
    stopped: "De import is gestopt (onRowError stop-batch): er is niets geschreven.",
  },
  fr: {
    title: "Import d'un fichier client",
    intro:
      "Choisissez le profil d'import du client et le fichier (CSV ou XLSX). Une simulation montre par ligne et par dossier ce que l'import ferait, sans rien écrire.",
    profile: "Profil d'import",
    noProfiles: "Pas encore de profil : chargez d'abord un profil (JSON).",
    file: "Fichier du client (CSV ou XLSX)",
    dryRun: "Simulation",
    uploadProfile: "Charger un profil d'import",
    profileFile: "Profil (JSON)",
    upload: "Charger le profil",
    profileSaved: "Profil {id} enregistré.",
    errors: "Erreurs",
    preview: "Simulation de {file} avec le profil {profile}",
    previewNote:
      "Rien n'a été écrit. Un dossier dont une ligne est en erreur est entièrement laissé de côté.",
    totals: "Totaux",
    rowsCaption: "Lignes du fichier et ce que l'import en fait",
    casesCaption: "Dossiers et ce que l'import en fait",
    row: "Ligne",
    outcome: "Résultat",
    case: "Dossier",
    debtor: "Débiteur",
    newCase: "Nouveau dossier",
    newDebtor: "Nouveau débiteur",
    messages: "Messages",
    changes: "Modifications",
    yes: "oui",
    no: "non",
    apply: "Exécuter l'import",
    nothingToApply: "Il n'y a rien à écrire.",
    progressTitle: "Import de {file}",
    progress: "Progression",
    resultCsv: "Fichier de résultat (CSV)",
    resultJson: "Fichier de résultat (JSON)",
    notFound: "Cet import n'existe pas (ou plus).",
    missingFile: "Choisissez un fichier.",
    missingProfile: "Choisissez un profil.",
    expiredUpload: "Le fichier chargé n'est plus disponible ; chargez-le à nouveau.",
    rows: "lignes",
    errorsCount: "en erreur",
    skipped: "ignorées",
    duplicates: "déjà présentes",
    newCases: "nouveaux dossiers",
    updatedCases: "dossiers mis à jour",
    unchangedCases: "dossiers inchangés",
    newDebtors: "nouveaux débiteurs",
    claimsAdded: "créances ajoutées",
    claimsCorrected: "créances corrigées",
    payments: "paiements",
    contactsAdded: "coordonnées ajoutées",
    actionsOrdered: "actions ordonnées",
    "o.new-claim": "nouvelle créance",
    "o.corrected": "correction",
    "o.payment": "paiement",
    "o.contact-added": "coordonnée ajoutée",
    "o.ordered": "action ordonnée",
    "o.not-executed": "non exécutée",
    "o.duplicate": "déjà présente",
    "o.skipped": "ignorée",
    "o.error": "erreur",
    "c.new-case": "nouveau dossier",
    "c.updated": "mis à jour",
    "c.unchanged": "inchangé",
    "c.skipped": "ignoré",
    "c.error": "erreur",
    stopped: "L'import s'est arrêté (onRowError stop-batch) : rien n'a été écrit.",
  },
  en: {
    title: "Import a client's file",
    intro:
      "Choose the client's import profile and the file (CSV or XLSX). A dry run shows per row and per case what the import would do, and writes nothing.",
    profile: "Import profile",
    noProfiles: "No profiles yet: upload a profile (JSON) first.",
    file: "The client's file (CSV or XLSX)",
    dryRun: "Dry run",
    uploadProfile: "Upload an import profile",
    profileFile: "Profile (JSON)",
    upload: "Upload profile",
    profileSaved: "Profile {id} saved.",
    errors: "Errors",
    preview: "Dry run of {file} with profile {profile}",
    previewNote: "Nothing was written. A case with a bad row is left out whole.",
    totals: "Totals",
    rowsCaption: "The file's rows and what the import does with them",
    casesCaption: "Cases and what the import does with them",
    row: "Row",
    outcome: "Outcome",
    case: "Case",
    debtor: "Debtor",
    newCase: "New case",
    newDebtor: "New debtor",
    messages: "Messages",
    changes: "Changes",
    yes: "yes",
    no: "no",
    apply: "Apply the import",
    nothingToApply: "There is nothing to write.",
    progressTitle: "Import of {file}",
    progress: "Progress",
    resultCsv: "Result file (CSV)",
    resultJson: "Result file (JSON)",
    notFound: "This import does not exist (any more).",
    missingFile: "Choose a file.",
    missingProfile: "Choose a profile.",
    expiredUpload: "The uploaded file is no longer available; upload it again.",
    rows: "rows",
    errorsCount: "with errors",
    skipped: "skipped",
    duplicates: "already there",
    newCases: "new cases",
    updatedCases: "updated cases",
    unchangedCases: "unchanged cases",
    newDebtors: "new debtors",
    claimsAdded: "claims added",
    claimsCorrected: "claims corrected",
    payments: "payments",
    contactsAdded: "contacts added",
    actionsOrdered: "actions ordered",
    "o.new-claim": "new claim",
    "o.corrected": "correction",
    "o.payment": "payment",
    "o.contact-added": "contact added",
    "o.ordered": "action ordered",
    "o.not-executed": "not executed",
    "o.duplicate": "already there",
    "o.skipped": "skipped",
    "o.error": "error",
    "c.new-case": "new case",
    "c.updated": "updated",
    "c.unchanged": "unchanged",
    "c.skipped": "skipped",
    "c.error": "error",
    stopped: "The import stopped (onRowError stop-batch): nothing was written.",
  },
});

const FIRM = ["clerk", "lawyer", "admin"] as const;

async function importForms(c: Context<AppEnv>, selected?: string): Promise<Html> {
  const lang = c.get("lang");
  const services = c.get("services");
  const profiles = await listProfiles(services.dataDir, c.get("scope").tenantId);
  return html`<form method="post" action="/work/import/dry-run" enctype="multipart/form-data" id="import-form" class="stack">
${csrfField(c)}
<p>${
    profiles.length === 0
      ? html`<span id="import-profile-none">${t(lang, "profile")}: ${t(lang, "noProfiles")}</span>`
      : html`<label for="import-profile">${t(lang, "profile")}</label>
<select id="import-profile" name="profileId" required>${profiles.map(
          ({ profile }) =>
            html`<option value="${profile.id}"${profile.id === selected ? raw(" selected") : ""}>${profile.id} (${profile.clientId}, ${profile.kind})</option>`,
        )}</select>`
  }</p>
<p><label for="import-file">${t(lang, "file")}</label>
<input type="file" id="import-file" name="file" required accept=".csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"></p>
<p><button type="submit" id="import-dry-run">${t(lang, "dryRun")}</button></p>
</form>
<form method="post" action="/work/import/profiles" enctype="multipart/form-data" id="profile-form" class="stack">
<h2>${t(lang, "uploadProfile")}</h2>
${csrfField(c)}
<p><label for="profile-file">${t(lang, "profileFile")}</label>
<input type="file" id="profile-file" name="profile" required accept=".json,application/json"></p>
<p><button type="submit" id="profile-upload">${t(lang, "upload")}</button></p>
</form>`;
}

async function importPage(
  c: Context<AppEnv>,
  options: { notice?: string; errors?: FieldError[]; selected?: string; status?: 200 | 400 } = {},
) {
  const lang = c.get("lang");
  return renderPage(c, {
    title: t(lang, "title"),
    active: "/work/import",
    status: options.status ?? 200,
    main: html`<h1>${t(lang, "title")}</h1>
<p>${t(lang, "intro")}</p>
${options.notice === undefined ? "" : html`<p class="notice" role="status" id="import-notice">${options.notice}</p>`}
${options.errors === undefined ? "" : errorList(t(lang, "errors"), options.errors)}
${await importForms(c, options.selected)}`,
  });
}

function totalsList(lang: Language, report: ImportReport): Html {
  const totals = report.totals;
  const items: [Parameters<typeof t>[1], number][] = [
    ["rows", totals.rows],
    ["errorsCount", totals.errors],
    ["skipped", totals.skipped],
    ["duplicates", totals.duplicates],
    ["newCases", totals.newCases],
    ["updatedCases", totals.updatedCases],
    ["unchangedCases", totals.unchangedCases],
    ["newDebtors", totals.newDebtors],
    ["claimsAdded", totals.claimsAdded],
    ["claimsCorrected", totals.claimsCorrected],
    ["payments", totals.payments],
    ["contactsAdded", totals.contactsAdded],
    ["actionsOrdered", totals.actionsOrdered],
  ];
  return html`<h2>${t(lang, "totals")}</h2><dl class="totals" id="import-totals">${items.map(
    ([key, value]) =>
      html`<div><dt>${t(lang, key)}</dt><dd data-total="${key}">${value}</dd></div>`,
  )}</dl>`;
}

/** The per-row and per-case tables of an import report, in the page's language. */
function reportTables(lang: Language, report: ImportReport): Html {
  const yesNo = (value: boolean) => t(lang, value ? "yes" : "no");
  return html`${report.stopped ? html`<p class="warning" role="alert">${t(lang, "stopped")}</p>` : ""}
${totalsList(lang, report)}
<table id="import-rows">
<caption>${t(lang, "rowsCaption")}</caption>
<thead><tr><th scope="col">${t(lang, "row")}</th><th scope="col">${t(lang, "outcome")}</th><th scope="col">${t(lang, "case")}</th><th scope="col">${t(lang, "debtor")}</th><th scope="col">${t(lang, "newCase")}</th><th scope="col">${t(lang, "newDebtor")}</th><th scope="col">${t(lang, "messages")}</th></tr></thead>
<tbody>${report.rows.map(
    (row) => html`<tr id="row-${row.row}" class="outcome-${row.outcome}">
<th scope="row">${row.row}</th><td data-outcome="${row.outcome}">${t(lang, `o.${row.outcome}` as `o.${RowOutcome}`)}</td><td>${row.caseNumber ?? ""}</td><td>${row.debtorId ?? ""}</td><td>${yesNo(row.newCase)}</td><td>${yesNo(row.newDebtor)}</td>
<td>${row.messages.length === 0 ? "" : html`<ul>${row.messages.map((message) => html`<li>${message[lang]}</li>`)}</ul>`}</td></tr>`,
  )}</tbody>
</table>
<table id="import-cases">
<caption>${t(lang, "casesCaption")}</caption>
<thead><tr><th scope="col">${t(lang, "case")}</th><th scope="col">${t(lang, "outcome")}</th><th scope="col">${t(lang, "row")}</th><th scope="col">${t(lang, "newDebtor")}</th><th scope="col">${t(lang, "changes")}</th><th scope="col">${t(lang, "messages")}</th></tr></thead>
<tbody>${report.cases.map(
    (item) => html`<tr class="case-${item.outcome}">
<th scope="row">${item.caseNumber}</th><td data-outcome="${item.outcome}">${t(lang, `c.${item.outcome}`)}</td><td>${item.rows.join(", ")}</td><td>${item.newDebtors.join(", ")}</td>
<td>${[
      item.claimsAdded > 0 ? `${t(lang, "claimsAdded")}: ${item.claimsAdded}` : "",
      item.claimsCorrected > 0 ? `${t(lang, "claimsCorrected")}: ${item.claimsCorrected}` : "",
      item.payments > 0 ? `${t(lang, "payments")}: ${item.payments}` : "",
      item.contactsAdded > 0 ? `${t(lang, "contactsAdded")}: ${item.contactsAdded}` : "",
      item.actionsOrdered > 0 ? `${t(lang, "actionsOrdered")}: ${item.actionsOrdered}` : "",
    ]
      .filter((part) => part !== "")
      .join("; ")}</td>
<td>${item.messages.length === 0 ? "" : html`<ul>${item.messages.map((message) => html`<li>${message[lang]}</li>`)}</ul>`}</td></tr>`,
  )}</tbody>
</table>`;
}

/**
 * The import page's routes: `GET /work/import`, `POST /work/import/profiles` (upload a profile),
 * `POST /work/import/dry-run`, `POST /work/import/apply`, `GET /work/import/jobs/:id` (the progress
 * bar and the result) and its result files `result.csv` and `result.json`. Firm roles only.
 *
 * @example
 * ```ts
 * workImportPages(app);
 * ```
 */
export function workImportPages(app: Hono<AppEnv>): void {
  app.use("/work/import", requireRole(FIRM));
  app.use("/work/import/*", requireRole(FIRM));

  app.get("/work/import", (c) => importPage(c));

  app.post("/work/import/profiles", async (c) => {
    const lang = c.get("lang");
    const body = await c.req.parseBody();
    const file = fileOf(body.profile);
    if (file === null)
      return importPage(c, {
        status: 400,
        errors: [{ path: "profile", message: t(lang, "missingFile") }],
      });
    let json: unknown;
    try {
      json = JSON.parse(await file.text());
    } catch (error) {
      return importPage(c, {
        status: 400,
        errors: [{ path: "profile", message: `JSON: ${(error as Error).message}` }],
      });
    }
    try {
      const profile = await saveProfile(c.get("services").dataDir, c.get("scope").tenantId, json);
      await c.get("audit")("import.profile.saved", profile.id);
      return importPage(c, {
        notice: t(lang, "profileSaved", { id: profile.id }),
        selected: profile.id,
      });
    } catch (error) {
      return importPage(c, { status: 400, errors: errorsOf(error, "profile") });
    }
  });

  app.post("/work/import/dry-run", async (c) => {
    const lang = c.get("lang");
    const services = c.get("services");
    const scope = c.get("scope");
    const body = await c.req.parseBody();
    const file = fileOf(body.file);
    const profileId = typeof body.profileId === "string" ? body.profileId : "";
    const found = await findProfile(services.dataDir, scope.tenantId, profileId);
    const errors: FieldError[] = [
      ...(found === null ? [{ path: "profileId", message: t(lang, "missingProfile") }] : []),
      ...(file === null ? [{ path: "file", message: t(lang, "missingFile") }] : []),
    ];
    if (found === null || file === null)
      return importPage(c, { status: 400, errors, selected: profileId });
    const bytes = new Uint8Array(await file.arrayBuffer());
    let report: ImportReport;
    try {
      report = await dryRun(services, scope, c.get("user"), {
        profile: found.json,
        bytes,
        fileName: file.name,
      });
    } catch (error) {
      return importPage(c, { status: 400, errors: errorsOf(error, "file"), selected: profileId });
    }
    const token = await keepUpload(services.dataDir, scope.tenantId, bytes);
    await c.get("audit")("import.dry-run", found.profile.id, {
      file: file.name,
      rows: report.totals.rows,
      errors: report.totals.errors,
    });
    const writes =
      report.totals.newCases +
        report.totals.updatedCases +
        report.totals.contactsAdded +
        report.totals.actionsOrdered +
        report.totals.actionsNotExecuted >
      0;
    return renderPage(c, {
      title: t(lang, "title"),
      active: "/work/import",
      main: html`<h1>${t(lang, "preview", { file: file.name, profile: found.profile.id })}</h1>
<section id="import-preview" aria-labelledby="import-preview-note">
<p id="import-preview-note" role="status">${t(lang, "previewNote")}</p>
${reportTables(lang, report)}
${
  writes && !report.stopped
    ? html`<form method="post" action="/work/import/apply" id="import-apply-form">
${csrfField(c)}
<input type="hidden" name="profileId" value="${found.profile.id}">
<input type="hidden" name="upload" value="${token}">
<input type="hidden" name="fileName" value="${file.name}">
<p><button type="submit" id="import-apply">${t(lang, "apply")}</button></p>
</form>`
    : html`<p id="import-nothing">${t(lang, "nothingToApply")}</p>`
}
</section>
${await importForms(c, found.profile.id)}`,
    });
  });

  app.post("/work/import/apply", async (c) => {
    const lang = c.get("lang");
    const services = c.get("services");
    const scope = c.get("scope");
    const body = await c.req.parseBody();
    const profileId = typeof body.profileId === "string" ? body.profileId : "";
    const token = typeof body.upload === "string" ? body.upload : "";
    const fileName =
      typeof body.fileName === "string" && body.fileName !== "" ? body.fileName : "import";
    const found = await findProfile(services.dataDir, scope.tenantId, profileId);
    if (found === null)
      return importPage(c, {
        status: 400,
        errors: [{ path: "profileId", message: t(lang, "missingProfile") }],
      });
    const bytes = await readUpload(services.dataDir, scope.tenantId, token);
    if (bytes === null)
      return importPage(c, {
        status: 400,
        errors: [{ path: "upload", message: t(lang, "expiredUpload") }],
      });
    const job = startApply(services, scope, c.get("user"), {
      profile: found.json,
      bytes,
      fileName,
    });
    await c.get("audit")("import.apply", found.profile.id, { file: fileName, job: job.id });
    return c.redirect(`/work/import/jobs/${job.id}`, 303);
  });

  app.get("/work/import/jobs/:id", async (c) => {
    const lang = c.get("lang");
    const job = await findImportJob(c.get("services"), c.get("scope").tenantId, c.req.param("id"));
    if (job === null)
      return renderPage(c, {
        title: t(lang, "title"),
        active: "/work/import",
        status: 404,
        main: html`<h1>${t(lang, "title")}</h1><p role="alert">${t(lang, "notFound")}</p>`,
      });
    const progress = progressOf(job, lang);
    const report = job.result?.report ?? null;
    return renderPage(c, {
      title: t(lang, "progressTitle", { file: job.result?.fileName ?? job.kind }),
      active: "/work/import",
      main: html`<h1>${t(lang, "progressTitle", { file: job.result?.fileName ?? "" })}</h1>
<section id="import-job" data-state="${job.state}">
<p><label for="import-progress">${t(lang, "progress")}</label>
${
  job.state === "running"
    ? html`<progress id="import-progress" max="100" value="${progress.done}" data-progress-url="/api/work/import/${job.id}" data-progress-reload aria-describedby="import-status">${progress.done} %</progress>`
    : html`<progress id="import-progress" max="100" value="${progress.done}" aria-describedby="import-status">${progress.done} %</progress>`
}</p>
<p id="import-status" role="status" aria-live="polite" data-progress-status>${progress.message}</p>
${
  report === null
    ? ""
    : html`<section id="import-result">
<p><a id="result-csv" href="/work/import/jobs/${job.id}/result.csv" download>${t(lang, "resultCsv")}</a>
· <a id="result-json" href="/work/import/jobs/${job.id}/result.json" download>${t(lang, "resultJson")}</a></p>
${reportTables(lang, report)}
</section>`
}
</section>`,
    });
  });

  app.get("/work/import/jobs/:id/:file{result\\.(csv|json)}", async (c) => {
    const lang = c.get("lang");
    const job = await findImportJob(c.get("services"), c.get("scope").tenantId, c.req.param("id"));
    const report = job?.result?.report ?? null;
    if (report === null) return c.text(t(lang, "notFound"), 404);
    const json = c.req.param("file") === "result.json";
    const name = `${report.batchId}.${json ? "json" : "csv"}`;
    return c.body(json ? resultFileJson(report) : resultFileCsv(report, lang), 200, {
      "content-type": json ? "application/json; charset=utf-8" : "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
    });
  });
}
