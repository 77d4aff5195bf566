// The bailiff page: select cases (checkboxes from the case list, or pasted case numbers), choose
// the office, its profile and the phase, build the handover package and download the ZIP; every
// refused case is listed with its reason. An office's acknowledgement is uploaded here too.
import type { BailiffExport } from "@incasso/export-organi";
import type { Context, Hono } from "hono";
import { html, raw } from "hono/html";
import type { FieldError } from "../api/problem.js";
import { FIRM_ROLES, requireRole } from "../auth/require-role.js";
import type { AppEnv } from "../context.js";
import type { Html } from "../web/layout.js";
import { csrfField, formatMoney, renderPage } from "../web/layout.js";
import { defineMessages } from "../web/messages.js";
import type { HandoverDefaults } from "../work/bailiff-work.js";
import {
  acknowledge,
  handOver,
  handoverDefaults,
  PROFILE_IDS,
  readPackage,
  saveHandoverDefaults,
} from "../work/bailiff-work.js";
import { errorList, fileOf, textOf } from "../work/ui.js";
import { errorsOf } from "../work/work-files.js";
import { statusLabel } from "./portal-text.js";

const t = defineMessages({
  nl: {
    title: "Overdracht aan een gerechtsdeurwaarder",
    intro:
      "Kies de dossiers, het kantoor en de fase. Het pakket (ZIP) bevat per dossier de gegevens, de afrekening en de documenten; elk geweigerd dossier staat hieronder met de reden.",
    cases: "Dossiers",
    casesCaption: "Open dossiers om over te dragen",
    select: "Kiezen",
    caseNumber: "Dossier",
    status: "Toestand",
    balance: "Saldo",
    pasted: "Of plak dossiernummers (één per regel)",
    office: "Kantoor",
    officeId: "Id van het kantoor",
    officeName: "Naam van het kantoor",
    officeEmail: "E-mail van het kantoor",
    profile: "Profiel van het kantoor",
    phase: "Fase",
    "p.amicable": "minnelijke invordering",
    "p.summary-procedure": "summiere procedure (onbetwiste geldschulden)",
    "p.enforcement": "tenuitvoerlegging van een vonnis",
    sender: "Opdrachtgever (het kantoor dat overdraagt)",
    senderName: "Naam",
    senderEnterprise: "Ondernemingsnummer",
    senderLawyer: "Verantwoordelijke advocaat",
    cutOff: "Bedragen berekend op",
    resend: "Opnieuw sturen, met deze reden (leeg: niet opnieuw)",
    build: "Pakket maken",
    errors: "Fouten",
    result: "Overdrachtspakket",
    download: "ZIP downloaden ({name})",
    sha: "SHA-256",
    handedOver: "Overgedragen",
    replayed: "(al vastgelegd)",
    refused: "Geweigerd",
    refusedCaption: "Geweigerde dossiers en de reden",
    code: "Code",
    reason: "Reden",
    noPackage: "Geen pakket: geen enkel dossier kon worden overgedragen.",
    ack: "Ontvangstbevestiging van het kantoor",
    ackFile: "Bevestiging (JSON of CSV)",
    ackUpload: "Bevestiging inlezen",
    ackCaption: "Dossiers van de bevestiging",
    ackResult: "Resultaat",
    "a.recorded": "vastgelegd",
    "a.already-recorded": "al vastgelegd",
    "a.refused": "geweigerd",
    missingFile: "Kies een bestand.",
    notFound: "Dit pakket bestaat niet.",
  },
  fr: {
    title: "Transmission à un huissier de justice",
    intro:
      "Choisissez les dossiers, l'étude et la phase. Le paquet (ZIP) contient pour chaque dossier les données, le décompte et les documents ; chaque dossier refusé figure ci-dessous avec son motif.",
    cases: "Dossiers",
    casesCaption: "Dossiers ouverts à transmettre",
    select: "Choisir",
    caseNumber: "Dossier",
    status: "État",
    balance: "Solde",
    pasted: "Ou collez des numéros de dossier (un par ligne)",
    office: "Étude",
    officeId: "Id de l'étude",
    officeName: "Nom de l'étude",
    officeEmail: "E-mail de l'étude",
    profile: "Profil de l'étude",
    phase: "Phase",
    "p.amicable": "recouvrement amiable",
    "p.summary-procedure": "procédure sommaire (dettes d'argent non contestées)",
    "p.enforcement": "exécution d'un jugement",
    sender: "Mandant (le cabinet qui transmet)",
    senderName: "Nom",
    senderEnterprise: "Numéro d'entreprise",
    senderLawyer: "Avocat responsable",
    cutOff: "Montants calculés au",
    resend: "Renvoyer, avec ce motif (vide : pas de renvoi)",
    build: "Créer le paquet",
    errors: "Erreurs",
    result: "Paquet de transmission",
    download: "Télécharger le ZIP ({name})",
    sha: "SHA-256",
    handedOver: "Transmis",
    replayed: "(déjà enregistré)",
    refused: "Refusés",
    refusedCaption: "Dossiers refusés et motif",
    code: "Code",
    reason: "Motif",
    noPackage: "Pas de paquet : aucun dossier n'a pu être transmis.",
    ack: "Accusé de réception de l'étude",
    ackFile: "Accusé (JSON ou CSV)",
    ackUpload: "Lire l'accusé",
    ackCaption: "Dossiers de l'accusé",
    ackResult: "Résultat",
    "a.recorded": "enregistré",
    "a.already-recorded": "déjà enregistré",
    "a.refused": "refusé",
    missingFile: "Choisissez un fichier.",
    notFound: "Ce paquet n'existe pas.",
  },
  en: {
    title: "Hand cases to a bailiff",
    intro:
      "Choose the cases, the office and the phase. The package (ZIP) holds each case's data, statement and documents; every refused case is listed below with its reason.",
    cases: "Cases",
    casesCaption: "Open cases to hand over",
    select: "Select",
    caseNumber: "Case",
    status: "Status",
    balance: "Balance",
    pasted: "Or paste case numbers (one a line)",
    office: "Office",
    officeId: "Office id",
    officeName: "Office name",
    officeEmail: "Office e-mail",
    profile: "Office profile",
    phase: "Phase",
    "p.amicable": "amicable collection",
    "p.summary-procedure": "summary procedure (uncontested debts)",
    "p.enforcement": "enforcement of a judgment",
    sender: "Instructing firm (who hands over)",
    senderName: "Name",
    senderEnterprise: "Enterprise number",
    senderLawyer: "Lawyer responsible",
    cutOff: "Amounts computed as of",
    resend: "Send again, for this reason (empty: do not resend)",
    build: "Build the package",
    errors: "Errors",
    result: "Handover package",
    download: "Download the ZIP ({name})",
    sha: "SHA-256",
    handedOver: "Handed over",
    replayed: "(already recorded)",
    refused: "Refused",
    refusedCaption: "Refused cases and why",
    code: "Code",
    reason: "Reason",
    noPackage: "No package: no case could be handed over.",
    ack: "The office's acknowledgement",
    ackFile: "Acknowledgement (JSON or CSV)",
    ackUpload: "Read the acknowledgement",
    ackCaption: "Cases of the acknowledgement",
    ackResult: "Result",
    "a.recorded": "recorded",
    "a.already-recorded": "already recorded",
    "a.refused": "refused",
    missingFile: "Choose a file.",
    notFound: "This package does not exist.",
  },
});

const PHASES = ["amicable", "summary-procedure", "enforcement"] as const;

interface FormValues {
  readonly selected: readonly string[];
  readonly pasted: string;
  readonly profile: string;
  readonly phase: string;
  readonly cutOff: string;
  readonly defaults: HandoverDefaults;
}

async function bailiffForm(c: Context<AppEnv>, values: FormValues): Promise<Html> {
  const lang = c.get("lang");
  const services = c.get("services");
  const page = await services.store.listCases(c.get("scope"), {
    status: ["open", "disputed", "payment-plan"],
    limit: 200,
  });
  const { office, sender } = values.defaults;
  return html`<form method="post" action="/work/bailiff/export" id="bailiff-form" class="stack">
${csrfField(c)}
<fieldset><legend>${t(lang, "cases")}</legend>
<table id="bailiff-cases"><caption>${t(lang, "casesCaption")}</caption>
<thead><tr><th scope="col">${t(lang, "select")}</th><th scope="col">${t(lang, "caseNumber")}</th><th scope="col">${t(lang, "status")}</th><th scope="col">${t(lang, "balance")}</th></tr></thead>
<tbody>${page.items.map(
    (row, index) =>
      html`<tr><td><input type="checkbox" id="bailiff-case-${index}" name="caseNumber" value="${row.caseNumber}"${
        values.selected.includes(row.caseNumber) ? raw(" checked") : ""
      }></td><th scope="row"><label for="bailiff-case-${index}">${row.caseNumber}</label></th><td>${statusLabel(lang, row.status)}</td><td class="amount">${formatMoney(lang, row.balance)}</td></tr>`,
  )}</tbody></table>
<p><label for="bailiff-case-numbers">${t(lang, "pasted")}</label>
<textarea id="bailiff-case-numbers" name="caseNumbers" rows="4" cols="40">${values.pasted}</textarea></p>
</fieldset>
<fieldset><legend>${t(lang, "office")}</legend>
<p><label for="bailiff-office-id">${t(lang, "officeId")}</label>
<input type="text" id="bailiff-office-id" name="officeId" required pattern="[A-Za-z0-9._\\-]{1,64}" value="${office.id}"></p>
<p><label for="bailiff-office-name">${t(lang, "officeName")}</label>
<input type="text" id="bailiff-office-name" name="officeName" required value="${office.name}"></p>
<p><label for="bailiff-office-email">${t(lang, "officeEmail")}</label>
<input type="email" id="bailiff-office-email" name="officeEmail" value="${office.email}"></p>
<p><label for="bailiff-profile">${t(lang, "profile")}</label>
<select id="bailiff-profile" name="profile">${PROFILE_IDS.map(
    (id) =>
      html`<option value="${id}"${id === values.profile ? raw(" selected") : ""}>${id}</option>`,
  )}</select></p>
<p><label for="bailiff-phase">${t(lang, "phase")}</label>
<select id="bailiff-phase" name="phase">${PHASES.map(
    (phase) =>
      html`<option value="${phase}"${phase === values.phase ? raw(" selected") : ""}>${t(lang, `p.${phase}`)}</option>`,
  )}</select></p>
</fieldset>
<fieldset><legend>${t(lang, "sender")}</legend>
<p><label for="bailiff-sender-name">${t(lang, "senderName")}</label>
<input type="text" id="bailiff-sender-name" name="senderName" required value="${sender.name}"></p>
<p><label for="bailiff-sender-enterprise">${t(lang, "senderEnterprise")}</label>
<input type="text" id="bailiff-sender-enterprise" name="senderEnterpriseNumber" required value="${sender.enterpriseNumber}"></p>
<p><label for="bailiff-sender-lawyer">${t(lang, "senderLawyer")}</label>
<input type="text" id="bailiff-sender-lawyer" name="senderLawyer" value="${sender.lawyer}"></p>
</fieldset>
<p><label for="bailiff-cutoff">${t(lang, "cutOff")}</label>
<input type="date" id="bailiff-cutoff" name="cutOff" required value="${values.cutOff}"></p>
<p><label for="bailiff-resend">${t(lang, "resend")}</label>
<input type="text" id="bailiff-resend" name="resendReason" maxlength="1000"></p>
<p><button type="submit" id="bailiff-export">${t(lang, "build")}</button></p>
</form>
<form method="post" action="/work/bailiff/ack" enctype="multipart/form-data" id="ack-form" class="stack">
<h2>${t(lang, "ack")}</h2>
${csrfField(c)}
<p><label for="ack-file">${t(lang, "ackFile")}</label>
<input type="file" id="ack-file" name="file" required accept=".json,.csv,application/json,text/csv"></p>
<p><button type="submit" id="ack-upload">${t(lang, "ackUpload")}</button></p>
</form>`;
}

function resultSection(c: Context<AppEnv>, result: BailiffExport): Html {
  const lang = c.get("lang");
  const pkg = result.package;
  return html`<section id="bailiff-result" aria-labelledby="bailiff-result-title">
<h2 id="bailiff-result-title">${t(lang, "result")}</h2>
${
  pkg === null
    ? html`<p role="status">${t(lang, "noPackage")}</p>`
    : html`<p><a id="bailiff-download" href="/work/bailiff/packages/${pkg.fileName}" download>${t(lang, "download", { name: pkg.fileName })}</a></p>
<p>${t(lang, "sha")}: <code id="bailiff-sha256">${pkg.sha256}</code></p>
<h3>${t(lang, "handedOver")}</h3>
<ul id="bailiff-handed-over">${result.handedOver.map(
        (entry) =>
          html`<li><a href="/cases/${encodeURIComponent(entry.caseId)}">${entry.caseNumber}</a> ${entry.replayed ? t(lang, "replayed") : ""}</li>`,
      )}</ul>`
}
${
  result.refused.length === 0
    ? ""
    : html`<table id="bailiff-refused"><caption>${t(lang, "refusedCaption")}</caption>
<thead><tr><th scope="col">${t(lang, "caseNumber")}</th><th scope="col">${t(lang, "code")}</th><th scope="col">${t(lang, "reason")}</th></tr></thead>
<tbody>${result.refused.map(
        (entry) =>
          html`<tr data-code="${entry.code}"><th scope="row">${entry.caseNumber}</th><td>${entry.code}</td><td>${entry.reason}</td></tr>`,
      )}</tbody></table>`
}
</section>`;
}

async function bailiffPage(
  c: Context<AppEnv>,
  options: {
    errors?: FieldError[];
    status?: 200 | 400 | 404;
    result?: BailiffExport;
    values?: Partial<FormValues>;
    extra?: Html;
  } = {},
) {
  const lang = c.get("lang");
  const services = c.get("services");
  const values: FormValues = {
    selected: [],
    pasted: "",
    profile: "default",
    phase: "amicable",
    cutOff: services.today().toString(),
    defaults: await handoverDefaults(services, c.get("scope").tenantId),
    ...options.values,
  };
  return renderPage(c, {
    title: t(lang, "title"),
    active: "/work/bailiff",
    status: options.status ?? 200,
    main: html`<h1>${t(lang, "title")}</h1>
<p>${t(lang, "intro")}</p>
${options.errors === undefined ? "" : errorList(t(lang, "errors"), options.errors)}
${options.result === undefined ? "" : resultSection(c, options.result)}
${options.extra ?? ""}
${await bailiffForm(c, values)}`,
  });
}

/**
 * The bailiff page's routes: `GET /work/bailiff`, `POST /work/bailiff/export`,
 * `GET /work/bailiff/packages/:file` (the ZIP) and `POST /work/bailiff/ack`. Firm roles only.
 *
 * @example
 * ```ts
 * workBailiffPages(app);
 * ```
 */
export function workBailiffPages(app: Hono<AppEnv>): void {
  app.use("/work/bailiff", requireRole(FIRM_ROLES));
  app.use("/work/bailiff/*", requireRole(FIRM_ROLES));

  app.get("/work/bailiff", (c) => bailiffPage(c));

  app.post("/work/bailiff/export", async (c) => {
    const services = c.get("services");
    const scope = c.get("scope");
    const body = await c.req.parseBody({ all: true });
    const list = (value: unknown) =>
      (Array.isArray(value) ? value : [value]).map(textOf).filter((text) => text !== "");
    const selected = list(body.caseNumber);
    const pasted = textOf(body.caseNumbers);
    const caseNumbers = [
      ...new Set([
        ...selected,
        ...pasted
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter((line) => line !== ""),
      ]),
    ];
    const defaults: HandoverDefaults = {
      office: {
        id: textOf(body.officeId),
        name: textOf(body.officeName),
        email: textOf(body.officeEmail),
      },
      sender: {
        name: textOf(body.senderName),
        enterpriseNumber: textOf(body.senderEnterpriseNumber),
        lawyer: textOf(body.senderLawyer),
      },
    };
    const values = {
      selected,
      pasted,
      profile: textOf(body.profile) || "default",
      phase: textOf(body.phase) || "amicable",
      cutOff: textOf(body.cutOff),
      defaults,
    };
    const resendReason = textOf(body.resendReason);
    try {
      const result = await handOver(services, scope, c.get("user"), {
        caseNumbers,
        office: {
          id: defaults.office.id,
          name: defaults.office.name,
          ...(defaults.office.email === "" ? {} : { email: defaults.office.email }),
        },
        sender: {
          name: defaults.sender.name,
          enterpriseNumber: defaults.sender.enterpriseNumber,
          ...(defaults.sender.lawyer === "" ? {} : { lawyer: defaults.sender.lawyer }),
        },
        phase: values.phase as "amicable",
        profile: values.profile,
        cutOff: values.cutOff,
        ...(resendReason === "" ? {} : { resendReason }),
      });
      await saveHandoverDefaults(services, scope.tenantId, defaults);
      await c.get("audit")("bailiff.export", result.package?.id ?? "(none)", {
        office: defaults.office.id,
        handedOver: result.handedOver.map((entry) => entry.caseNumber),
        refused: result.refused.map((entry) => `${entry.caseNumber}: ${entry.code}`),
      });
      return bailiffPage(c, { result, values: { ...values, selected: [], pasted: "" } });
    } catch (error) {
      return bailiffPage(c, { status: 400, errors: errorsOf(error, "(form)"), values });
    }
  });

  app.get("/work/bailiff/packages/:file", async (c) => {
    const lang = c.get("lang");
    const name = c.req.param("file");
    const bytes = await readPackage(c.get("services"), c.get("scope"), name);
    if (bytes === null) return c.text(t(lang, "notFound"), 404);
    await c.get("audit")("bailiff.download", name);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${name}"`,
    });
  });

  app.post("/work/bailiff/ack", async (c) => {
    const lang = c.get("lang");
    const body = await c.req.parseBody();
    const file = fileOf(body.file);
    if (file === null)
      return bailiffPage(c, {
        status: 400,
        errors: [{ path: "file", message: t(lang, "missingFile") }],
      });
    try {
      const outcomes = await acknowledge(
        c.get("services"),
        c.get("scope"),
        c.get("user"),
        await file.text(),
      );
      await c.get("audit")("bailiff.acknowledgement", file.name, {
        cases: outcomes.map((outcome) => `${outcome.caseNumber}: ${outcome.result}`),
      });
      return bailiffPage(c, {
        extra: html`<table id="ack-result"><caption>${t(lang, "ackCaption")}</caption>
<thead><tr><th scope="col">${t(lang, "caseNumber")}</th><th scope="col">${t(lang, "status")}</th><th scope="col">${t(lang, "ackResult")}</th><th scope="col">${t(lang, "reason")}</th></tr></thead>
<tbody>${outcomes.map(
          (outcome) =>
            html`<tr><th scope="row">${outcome.caseNumber}</th><td>${outcome.status}</td><td>${t(lang, `a.${outcome.result}`)}</td><td>${outcome.reason ?? ""}</td></tr>`,
        )}</tbody></table>`,
      });
    } catch (error) {
      return bailiffPage(c, { status: 400, errors: errorsOf(error, "file") });
    }
  });
}
