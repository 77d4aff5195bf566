// The rates page: every rate table the server computes with (built in, extended by the rates
// file), with its entries, their sources and status, and the date each table is trusted until;
// the current rates file to download, and for an admin the upload of a new one, validated with
// the core's schema (errors naming the field).
import type { RateTable } from "@incasso/core";
import { rateTablesOverview } from "@incasso/core";
import type { Context, Hono } from "hono";
import { html } from "hono/html";
import type { FieldError } from "../api/problem.js";
import { FIRM_ROLES, requireRole } from "../auth/require-role.js";
import type { AppEnv } from "../context.js";
import { csrfField, formatDate, renderPage } from "../web/layout.js";
import { defineMessages } from "../web/messages.js";
import { loadRateTables, readRatesFileText, saveRatesFile } from "../work/rates-file.js";
import { errorList, fileOf } from "../work/ui.js";
import { errorsOf } from "../work/work-files.js";

const t = defineMessages({
  nl: {
    title: "Rentevoeten",
    intro:
      "De tabellen waarmee de server rekent: ingebouwd, aangevuld met het rentebestand. Een tabel stopt op haar 'betrouwbaar tot'-datum: een afrekening daarna faalt tot het bestand de gepubliceerde voeten toevoegt.",
    overview: "Tabellen op {date}",
    table: "Tabel",
    name: "Naam",
    last: "Laatste voet",
    trustedUntil: "Betrouwbaar tot",
    stops: "Stopt vóór vandaag",
    ok: "in orde",
    entries: "Voeten van {id}",
    from: "Vanaf",
    rate: "Voet (% per jaar)",
    status: "Status",
    source: "Bron",
    derivation: "Afgeleid",
    file: "Rentebestand",
    noFile: "Geen rentebestand: de ingebouwde tabellen gelden.",
    download: "Huidig rentebestand downloaden",
    upload: "Nieuw rentebestand opladen (JSON)",
    uploadButton: "Controleren en in gebruik nemen",
    saved: "Het nieuwe rentebestand is in gebruik.",
    adminOnly: "Alleen een beheerder kan een nieuw rentebestand opladen.",
    errors: "Het rentebestand is geweigerd",
    missingFile: "Kies een bestand.",
  },
  fr: {
    title: "Taux d'intérêt",
    intro:
      "Les tables avec lesquelles le serveur calcule : intégrées, complétées par le fichier des taux. Une table s'arrête à sa date « fiable jusqu'au » : un décompte au-delà échoue jusqu'à ce que le fichier ajoute les taux publiés.",
    overview: "Tables au {date}",
    table: "Table",
    name: "Nom",
    last: "Dernier taux",
    trustedUntil: "Fiable jusqu'au",
    stops: "S'arrête avant aujourd'hui",
    ok: "en ordre",
    entries: "Taux de {id}",
    from: "À partir du",
    rate: "Taux (% par an)",
    status: "Statut",
    source: "Source",
    derivation: "Dérivée",
    file: "Fichier des taux",
    noFile: "Pas de fichier des taux : les tables intégrées s'appliquent.",
    download: "Télécharger le fichier des taux actuel",
    upload: "Charger un nouveau fichier des taux (JSON)",
    uploadButton: "Vérifier et mettre en service",
    saved: "Le nouveau fichier des taux est en service.",
    adminOnly: "Seul un administrateur peut charger un nouveau fichier des taux.",
    errors: "Le fichier des taux est refusé",
    missingFile: "Choisissez un fichier.",
  },
  en: {
    title: "Rates",
    intro:
      "The tables the server computes with: built in, extended by the rates file. A table stops on its trusted-until date: a statement past it fails until the file adds the rates published since.",
    overview: "Tables as of {date}",
    table: "Table",
    name: "Name",
    last: "Last rate",
    trustedUntil: "Trusted until",
    stops: "Stops before today",
    ok: "fine",
    entries: "Rates of {id}",
    from: "From",
    rate: "Rate (% a year)",
    status: "Status",
    source: "Source",
    derivation: "Derived",
    file: "Rates file",
    noFile: "No rates file: the built-in tables apply.",
    download: "Download the current rates file",
    upload: "Upload a new rates file (JSON)",
    uploadButton: "Check and put in use",
    saved: "The new rates file is in use.",
    adminOnly: "Only an admin can upload a new rates file.",
    errors: "The rates file is refused",
    missingFile: "Choose a file.",
  },
});

const slug = (id: string) => id.replace(/[^a-z0-9-]/g, "-");

function tableSection(c: Context<AppEnv>, table: RateTable) {
  const lang = c.get("lang");
  return html`<table id="rates-${slug(table.id)}" class="rate-entries">
<caption>${t(lang, "entries", { id: table.id })}: ${table.name} (${table.source})${
    table.derivation === undefined ? "" : html`. ${t(lang, "derivation")}: ${table.derivation}`
  }</caption>
<thead><tr><th scope="col">${t(lang, "from")}</th><th scope="col">${t(lang, "rate")}</th><th scope="col">${t(lang, "status")}</th><th scope="col">${t(lang, "source")}</th></tr></thead>
<tbody>${table.entries.map(
    (entry) =>
      html`<tr><th scope="row">${formatDate(lang, entry.from)}</th><td>${entry.rate.toString()}</td><td>${entry.status}</td><td>${entry.source}</td></tr>`,
  )}</tbody></table>`;
}

async function ratesPage(
  c: Context<AppEnv>,
  options: { notice?: string; errors?: FieldError[]; status?: 200 | 400 } = {},
) {
  const lang = c.get("lang");
  const services = c.get("services");
  const today = services.today();
  const tables = await loadRateTables(services.dataDir);
  const overview = rateTablesOverview(tables, today);
  const hasFile = (await readRatesFileText(services.dataDir)) !== null;
  const admin = c.get("user").role === "admin";
  return renderPage(c, {
    title: t(lang, "title"),
    active: "/work/rates",
    status: options.status ?? 200,
    main: html`<h1>${t(lang, "title")}</h1>
<p>${t(lang, "intro")}</p>
${options.notice === undefined ? "" : html`<p class="notice" role="status" id="rates-notice">${options.notice}</p>`}
${options.errors === undefined ? "" : errorList(t(lang, "errors"), options.errors)}
<table id="rates-overview">
<caption>${t(lang, "overview", { date: formatDate(lang, today) })}</caption>
<thead><tr><th scope="col">${t(lang, "table")}</th><th scope="col">${t(lang, "name")}</th><th scope="col">${t(lang, "last")}</th><th scope="col">${t(lang, "trustedUntil")}</th><th scope="col">${t(lang, "status")}</th></tr></thead>
<tbody>${overview.map(
      (row) =>
        html`<tr data-table="${row.id}"><th scope="row"><a href="#rates-${slug(row.id)}">${row.id}</a></th><td>${row.name}</td><td>${
          row.lastEntry === undefined
            ? "—"
            : `${row.lastEntry.rate.toString()} % (${formatDate(lang, row.lastEntry.from)}, ${row.lastEntry.status})`
        }</td><td>${formatDate(lang, row.trustedUntil)}</td><td>${row.stopsBefore ? html`<strong>${t(lang, "stops")}</strong>` : t(lang, "ok")}</td></tr>`,
    )}</tbody></table>
<h2>${t(lang, "file")}</h2>
${hasFile ? html`<p><a id="rates-download" href="/work/rates/rates.json" download>${t(lang, "download")}</a></p>` : html`<p id="rates-no-file">${t(lang, "noFile")}</p>`}
${
  admin
    ? html`<form method="post" action="/work/rates/upload" enctype="multipart/form-data" id="rates-form" class="stack">
${csrfField(c)}
<p><label for="rates-file">${t(lang, "upload")}</label>
<input type="file" id="rates-file" name="file" required accept=".json,application/json"></p>
<p><button type="submit" id="rates-upload">${t(lang, "uploadButton")}</button></p>
</form>`
    : html`<p>${t(lang, "adminOnly")}</p>`
}
${[...tables.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map((table) => tableSection(c, table))}`,
  });
}

/**
 * The rates page's routes: `GET /work/rates`, `GET /work/rates/rates.json` (the current rates
 * file) and `POST /work/rates/upload` (admin only).
 *
 * @example
 * ```ts
 * workRatesPages(app);
 * ```
 */
export function workRatesPages(app: Hono<AppEnv>): void {
  app.use("/work/rates", requireRole(FIRM_ROLES));
  app.use("/work/rates/*", requireRole(FIRM_ROLES));

  app.get("/work/rates", (c) => ratesPage(c));

  app.get("/work/rates/rates.json", async (c) => {
    const text = await readRatesFileText(c.get("services").dataDir);
    if (text === null) return c.text(t(c.get("lang"), "noFile"), 404);
    return c.body(text, 200, {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": 'attachment; filename="rates.json"',
    });
  });

  app.post("/work/rates/upload", requireRole(["admin"]), async (c) => {
    const lang = c.get("lang");
    const file = fileOf((await c.req.parseBody()).file);
    if (file === null)
      return ratesPage(c, {
        status: 400,
        errors: [{ path: "file", message: t(lang, "missingFile") }],
      });
    try {
      await saveRatesFile(c.get("services").dataDir, await file.text());
    } catch (error) {
      return ratesPage(c, { status: 400, errors: errorsOf(error, "rates") });
    }
    await c.get("audit")("rates.file.saved", file.name);
    return ratesPage(c, { notice: t(lang, "saved") });
  });
}
