// The bank page: upload a bank statement (CODA, camt.053/054, MT940 or a ZIP of them), see what
// the file checks found and how each entry was matched (applied above the threshold, proposed for
// review in between, unmatched), and review the proposals: accept, assign to another case, reject.
import { describeMatchReason } from "@incasso/core";
import type { ReviewDecision } from "@incasso/import-bank";
import { listReviewQueue } from "@incasso/import-bank";
import { Decimal } from "decimal.js";
import type { Context, Hono } from "hono";
import { html } from "hono/html";
import type { FieldError } from "../api/problem.js";
import { FIRM_ROLES, requireRole } from "../auth/require-role.js";
import type { AppEnv, Language } from "../context.js";
import type { Html } from "../web/layout.js";
import { csrfField, formatDate, formatMoney, renderPage } from "../web/layout.js";
import { defineMessages } from "../web/messages.js";
import type { BatchEntry } from "../work/bank-work.js";
import {
  bankClients,
  caseIdOf,
  importStatements,
  readBankBatch,
  reviewBankEntry,
} from "../work/bank-work.js";
import { errorList, fileOf, textOf } from "../work/ui.js";
import { errorsOf } from "../work/work-files.js";

const t = defineMessages({
  nl: {
    title: "Bankafschriften",
    intro:
      "Laad een bankafschrift op (CODA, camt.053/054, MT940 of een ZIP ervan). Elke beweging wordt aan een dossier gekoppeld: zeker genoeg wordt meteen geboekt, twijfel wacht op uw beoordeling.",
    file: "Bankafschrift",
    client: "Bewaard onder de klant (rekening)",
    upload: "Inlezen en koppelen",
    errors: "Fouten",
    batch: "Afschrift {id}",
    imported: "Ingelezen op {at}: {source}",
    findings: "Bevindingen van de controles",
    noFindings: "De controles vonden niets.",
    entries: "Bewegingen en hun koppeling",
    row: "Rij",
    date: "Valutadatum",
    amount: "Bedrag",
    payer: "Betaler",
    communication: "Mededeling",
    decision: "Beslissing",
    case: "Dossier",
    score: "Score",
    reasons: "Redenen",
    "d.apply": "geboekt",
    "d.propose": "voorgesteld",
    "d.unmatched": "niet gekoppeld",
    "d.duplicate": "dubbel",
    "d.ignore": "genegeerd",
    reviewed: "beoordeeld: {decision}",
    "r.accept": "aanvaard",
    "r.reassign": "toegewezen aan {case}",
    "r.reject": "afgewezen ({reason})",
    queue: "Te beoordelen",
    queueEmpty: "Niets te beoordelen.",
    reviewLegend: "Beoordeling van rij {row}",
    reviewCase: "Dossier (nummer of id) om aan toe te wijzen",
    reviewReason: "Reden van afwijzing",
    accept: "Voorstel aanvaarden",
    reassign: "Aan dit dossier toewijzen",
    reject: "Afwijzen",
    recorded: "Rij {row}: {decision}, vastgelegd.",
    unknownCase: "geen dossier {case} in uw dossiers",
    missingFile: "Kies een bestand.",
    missingReason: "Geef een reden.",
    notFound: "Dit afschrift bestaat niet.",
    totals:
      "{entries} bewegingen: {applied} geboekt ({amount}), {proposed} voorgesteld, {unmatched} niet gekoppeld, {duplicates} dubbel",
    candidates: "Kandidaten",
    open: "Openen",
  },
  fr: {
    title: "Extraits bancaires",
    intro:
      "Chargez un extrait bancaire (CODA, camt.053/054, MT940 ou un ZIP de ceux-ci). Chaque mouvement est rapproché d'un dossier : ce qui est assez sûr est comptabilisé, le doute attend votre examen.",
    file: "Extrait bancaire",
    client: "Conservé sous le client (compte)",
    upload: "Lire et rapprocher",
    errors: "Erreurs",
    batch: "Extrait {id}",
    imported: "Lu le {at} : {source}",
    findings: "Constats des contrôles",
    noFindings: "Les contrôles n'ont rien relevé.",
    entries: "Mouvements et leur rapprochement",
    row: "Ligne",
    date: "Date valeur",
    amount: "Montant",
    payer: "Payeur",
    communication: "Communication",
    decision: "Décision",
    case: "Dossier",
    score: "Score",
    reasons: "Raisons",
    "d.apply": "comptabilisé",
    "d.propose": "proposé",
    "d.unmatched": "non rapproché",
    "d.duplicate": "doublon",
    "d.ignore": "ignoré",
    reviewed: "examiné : {decision}",
    "r.accept": "accepté",
    "r.reassign": "attribué à {case}",
    "r.reject": "rejeté ({reason})",
    queue: "À examiner",
    queueEmpty: "Rien à examiner.",
    reviewLegend: "Examen de la ligne {row}",
    reviewCase: "Dossier (numéro ou id) auquel attribuer",
    reviewReason: "Motif du rejet",
    accept: "Accepter la proposition",
    reassign: "Attribuer à ce dossier",
    reject: "Rejeter",
    recorded: "Ligne {row} : {decision}, enregistré.",
    unknownCase: "aucun dossier {case} parmi vos dossiers",
    missingFile: "Choisissez un fichier.",
    missingReason: "Indiquez un motif.",
    notFound: "Cet extrait n'existe pas.",
    totals:
      "{entries} mouvements : {applied} comptabilisés ({amount}), {proposed} proposés, {unmatched} non rapprochés, {duplicates} doublons",
    candidates: "Candidats",
    open: "Ouvrir",
  },
  en: {
    title: "Bank statements",
    intro:
      "Upload a bank statement (CODA, camt.053/054, MT940 or a ZIP of them). Every entry is matched to a case: what is certain enough is recorded at once, doubt waits for your review.",
    file: "Bank statement",
    client: "Kept under the client (account)",
    upload: "Read and match",
    errors: "Errors",
    batch: "Statement {id}",
    imported: "Read on {at}: {source}",
    findings: "What the checks found",
    noFindings: "The checks found nothing.",
    entries: "Entries and their match",
    row: "Row",
    date: "Value date",
    amount: "Amount",
    payer: "Payer",
    communication: "Communication",
    decision: "Decision",
    case: "Case",
    score: "Score",
    reasons: "Reasons",
    "d.apply": "recorded",
    "d.propose": "proposed",
    "d.unmatched": "unmatched",
    "d.duplicate": "duplicate",
    "d.ignore": "ignored",
    reviewed: "reviewed: {decision}",
    "r.accept": "accepted",
    "r.reassign": "assigned to {case}",
    "r.reject": "rejected ({reason})",
    queue: "To review",
    queueEmpty: "Nothing to review.",
    reviewLegend: "Review of row {row}",
    reviewCase: "Case (number or id) to assign it to",
    reviewReason: "Reason for rejecting",
    accept: "Accept the proposal",
    reassign: "Assign to this case",
    reject: "Reject",
    recorded: "Row {row}: {decision}, recorded.",
    unknownCase: "no case {case} among your cases",
    missingFile: "Choose a file.",
    missingReason: "Give a reason.",
    notFound: "This statement does not exist.",
    totals:
      "{entries} entries: {applied} recorded ({amount}), {proposed} proposed, {unmatched} unmatched, {duplicates} duplicates",
    candidates: "Candidates",
    open: "Open",
  },
});

const decisionWords = (lang: Language, review: ReviewDecision): string =>
  review.kind === "accept"
    ? t(lang, "r.accept")
    : review.kind === "reassign"
      ? t(lang, "r.reassign", { case: review.caseId })
      : t(lang, "r.reject", { reason: review.reason });

const reviewText = (lang: Language, review: ReviewDecision): string =>
  t(lang, "reviewed", { decision: decisionWords(lang, review) });

function reviewForm(c: Context<AppEnv>, batchId: string, entry: BatchEntry): Html {
  const lang = c.get("lang");
  const id = `review-${entry.row}`;
  const proposed = entry.detail.candidates.length > 0 && entry.outcome === "proposed";
  return html`<form method="post" action="/work/bank/batches/${batchId}/review" id="${id}" class="review">
${csrfField(c)}
<input type="hidden" name="row" value="${entry.row}">
<fieldset><legend>${t(lang, "reviewLegend", { row: entry.row })}</legend>
${proposed ? html`<p><button type="submit" name="decision" value="accept" id="${id}-accept">${t(lang, "accept")}</button></p>` : ""}
<p><label for="${id}-case">${t(lang, "reviewCase")}</label>
<input type="text" id="${id}-case" name="case" value="${entry.detail.candidates[0]?.caseNumber ?? ""}" autocomplete="off">
<button type="submit" name="decision" value="reassign" id="${id}-reassign">${t(lang, "reassign")}</button></p>
<p><label for="${id}-reason">${t(lang, "reviewReason")}</label>
<input type="text" id="${id}-reason" name="reason" maxlength="500">
<button type="submit" name="decision" value="reject" id="${id}-reject">${t(lang, "reject")}</button></p>
</fieldset></form>`;
}

function entriesTable(c: Context<AppEnv>, batchId: string, entries: readonly BatchEntry[]): Html {
  const lang = c.get("lang");
  return html`<table id="bank-entries">
<caption>${t(lang, "entries")}</caption>
<thead><tr><th scope="col">${t(lang, "row")}</th><th scope="col">${t(lang, "date")}</th><th scope="col">${t(lang, "amount")}</th><th scope="col">${t(lang, "payer")}</th><th scope="col">${t(lang, "communication")}</th><th scope="col">${t(lang, "decision")}</th><th scope="col">${t(lang, "case")}</th><th scope="col">${t(lang, "score")}</th><th scope="col">${t(lang, "reasons")}</th></tr></thead>
<tbody>${entries.map((entry) => {
    const detail = entry.detail;
    const cases =
      detail.allocations.length > 0
        ? detail.allocations.map((part) => ({
            caseId: part.caseId,
            text:
              detail.allocations.length > 1
                ? `${part.caseNumber} (${part.amount})`
                : part.caseNumber,
          }))
        : detail.reversals.length > 0
          ? detail.reversals.map((part) => ({
              caseId: part.caseId,
              text: `${part.caseNumber} (${part.paymentId})`,
            }))
          : detail.candidates
              .slice(0, 1)
              .map((candidate) => ({ caseId: candidate.caseId, text: candidate.caseNumber }));
    const payer = [detail.entry.counterpartyName, detail.entry.counterpartyIban]
      .filter((part) => part !== null)
      .join(" ");
    return html`<tr id="entry-${entry.row}" class="decision-${detail.decision}">
<th scope="row">${entry.row}</th><td>${formatDate(lang, detail.entry.valueDate)}</td><td class="amount">${formatMoney(lang, detail.entry.amount)}</td><td>${payer}</td><td>${detail.entry.communication ?? detail.entry.reference?.value ?? ""}</td>
<td data-decision="${detail.decision}">${t(lang, `d.${detail.decision}`)}${entry.review === null ? "" : html`<br><span class="review-state">${reviewText(lang, entry.review)}</span>`}</td>
<td>${cases.map((item) => html`<a href="/cases/${encodeURIComponent(item.caseId)}">${item.text}</a> `)}</td>
<td>${detail.score}</td>
<td><ul>${detail.reasons.map((reason) => html`<li>${describeMatchReason(reason, lang)}</li>`)}${detail.note === null ? "" : html`<li>${detail.note}</li>`}</ul>
${
  (entry.outcome === "proposed" || entry.outcome === "unmatched") && entry.review === null
    ? reviewForm(c, batchId, entry)
    : ""
}</td></tr>`;
  })}</tbody></table>`;
}

async function bankPage(
  c: Context<AppEnv>,
  options: { errors?: FieldError[]; status?: 200 | 400 } = {},
) {
  const lang = c.get("lang");
  const queue = await listReviewQueue({ store: c.get("services").store, scope: c.get("scope") });
  const clients = await bankClients(c.get("services"), c.get("scope"));
  return renderPage(c, {
    title: t(lang, "title"),
    active: "/work/bank",
    status: options.status ?? 200,
    main: html`<h1>${t(lang, "title")}</h1>
<p>${t(lang, "intro")}</p>
${options.errors === undefined ? "" : errorList(t(lang, "errors"), options.errors)}
<form method="post" action="/work/bank/upload" enctype="multipart/form-data" id="bank-form" class="stack">
${csrfField(c)}
<p><label for="bank-file">${t(lang, "file")}</label>
<input type="file" id="bank-file" name="file" required multiple accept=".cod,.coda,.txt,.xml,.sta,.mt940,.940,.zip"></p>
<p><label for="bank-client">${t(lang, "client")}</label>
<select id="bank-client" name="clientId" required>${clients.map(
      (client) => html`<option value="${client.id}">${client.name}</option>`,
    )}</select></p>
<p><button type="submit" id="bank-upload">${t(lang, "upload")}</button></p>
</form>
<section id="review-queue" aria-labelledby="review-queue-title">
<h2 id="review-queue-title">${t(lang, "queue")}</h2>
${
  queue.length === 0
    ? html`<p>${t(lang, "queueEmpty")}</p>`
    : html`<table id="review-queue-table"><caption>${t(lang, "queue")}</caption>
<thead><tr><th scope="col">${t(lang, "batch", { id: "" })}</th><th scope="col">${t(lang, "row")}</th><th scope="col">${t(lang, "date")}</th><th scope="col">${t(lang, "amount")}</th><th scope="col">${t(lang, "payer")}</th><th scope="col">${t(lang, "decision")}</th></tr></thead>
<tbody>${queue.map(
        (entry) =>
          html`<tr><th scope="row"><a href="/work/bank/batches/${entry.batchId}#entry-${entry.row}">${entry.batchId}</a></th><td>${entry.row}</td><td>${formatDate(lang, entry.detail.entry.valueDate)}</td><td class="amount">${formatMoney(lang, entry.detail.entry.amount)}</td><td>${entry.detail.entry.counterpartyName ?? ""}</td><td>${t(lang, `d.${entry.detail.decision}`)}</td></tr>`,
      )}</tbody></table>`
}
</section>`,
  });
}

async function batchPage(
  c: Context<AppEnv>,
  batchId: string,
  options: { notice?: string; errors?: FieldError[]; status?: 200 | 400 } = {},
) {
  const lang = c.get("lang");
  const batch = await readBankBatch(c.get("services"), c.get("scope"), batchId);
  if (batch === null)
    return renderPage(c, {
      title: t(lang, "title"),
      active: "/work/bank",
      status: 404,
      main: html`<h1>${t(lang, "title")}</h1><p role="alert">${t(lang, "notFound")}</p>`,
    });
  const count = (decision: string) =>
    batch.entries.filter((entry) => entry.detail.decision === decision).length;
  const appliedAmount = batch.entries
    .filter((entry) => entry.detail.decision === "apply")
    .reduce((sum, entry) => sum.plus(entry.detail.entry.amount), new Decimal(0));
  return renderPage(c, {
    title: t(lang, "batch", { id: batchId }),
    active: "/work/bank",
    status: options.status ?? 200,
    main: html`<h1>${t(lang, "batch", { id: batchId })}</h1>
<p>${t(lang, "imported", { at: batch.importedAt, source: batch.source })}</p>
${options.notice === undefined ? "" : html`<p class="notice" role="status" id="bank-notice">${options.notice}</p>`}
${options.errors === undefined ? "" : errorList(t(lang, "errors"), options.errors)}
<p id="bank-totals">${t(lang, "totals", {
      entries: batch.entries.length,
      applied: count("apply"),
      amount: formatMoney(lang, appliedAmount),
      proposed: count("propose"),
      unmatched: count("unmatched"),
      duplicates: count("duplicate"),
    })}</p>
<section id="bank-findings" aria-labelledby="bank-findings-title">
<h2 id="bank-findings-title">${t(lang, "findings")}</h2>
${
  batch.findings.length === 0
    ? html`<p>${t(lang, "noFindings")}</p>`
    : html`<ul>${batch.findings.map(
        (finding) =>
          html`<li class="finding-${finding.severity}"><strong>${finding.severity}</strong> ${finding.code} (${finding.file}${finding.line === null ? "" : `:${finding.line}`}): ${finding.message}</li>`,
      )}</ul>`
}
</section>
${entriesTable(c, batchId, batch.entries)}
<p><a href="/work/bank">${t(lang, "title")}</a></p>`,
  });
}

/**
 * The bank page's routes: `GET /work/bank` (upload form and review queue), `POST /work/bank/upload`,
 * `GET /work/bank/batches/:batchId` (findings and matches) and
 * `POST /work/bank/batches/:batchId/review`. Firm roles only.
 *
 * @example
 * ```ts
 * workBankPages(app);
 * ```
 */
export function workBankPages(app: Hono<AppEnv>): void {
  app.use("/work/bank", requireRole(FIRM_ROLES));
  app.use("/work/bank/*", requireRole(FIRM_ROLES));

  app.get("/work/bank", (c) => bankPage(c));

  app.post("/work/bank/upload", async (c) => {
    const lang = c.get("lang");
    const body = await c.req.parseBody({ all: true });
    const chosen = (Array.isArray(body.file) ? body.file : [body.file])
      .map(fileOf)
      .filter((file): file is File => file !== null);
    if (chosen.length === 0)
      return bankPage(c, {
        status: 400,
        errors: [{ path: "file", message: t(lang, "missingFile") }],
      });
    const clientId =
      textOf(body.clientId) || (await bankClients(c.get("services"), c.get("scope")))[0]?.id || "";
    const files = await Promise.all(
      chosen.map(async (file) => ({
        name: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
      })),
    );
    try {
      const { result } = await importStatements(
        c.get("services"),
        c.get("scope"),
        c.get("user"),
        clientId,
        files,
      );
      await c.get("audit")("bank.import", result.batchId, {
        files: files.map((file) => file.name),
        ...result.totals,
      });
      return c.redirect(`/work/bank/batches/${result.batchId}`, 303);
    } catch (error) {
      return bankPage(c, { status: 400, errors: errorsOf(error, "file") });
    }
  });

  app.get("/work/bank/batches/:batchId", (c) => batchPage(c, c.req.param("batchId")));

  app.post("/work/bank/batches/:batchId/review", async (c) => {
    const lang = c.get("lang");
    const services = c.get("services");
    const scope = c.get("scope");
    const batchId = c.req.param("batchId");
    const body = await c.req.parseBody();
    const row = Number(textOf(body.row));
    const kind = textOf(body.decision);
    let decision: ReviewDecision;
    if (kind === "accept") decision = { kind: "accept" };
    else if (kind === "reject") {
      const reason = textOf(body.reason);
      if (reason === "")
        return batchPage(c, batchId, {
          status: 400,
          errors: [{ path: "reason", message: t(lang, "missingReason") }],
        });
      decision = { kind: "reject", reason };
    } else {
      const named = textOf(body.case);
      const caseId = await caseIdOf(services, scope, named);
      if (caseId === null)
        return batchPage(c, batchId, {
          status: 400,
          errors: [{ path: "case", message: t(lang, "unknownCase", { case: named }) }],
        });
      decision = { kind: "reassign", caseId };
    }
    try {
      await reviewBankEntry(services, scope, c.get("user"), batchId, row, decision);
    } catch (error) {
      return batchPage(c, batchId, { status: 400, errors: errorsOf(error, "decision") });
    }
    await c.get("audit")("bank.review", `${batchId}/${row}`, { decision });
    return batchPage(c, batchId, {
      notice: t(lang, "recorded", { row, decision: decisionWords(lang, decision) }),
    });
  });
}
