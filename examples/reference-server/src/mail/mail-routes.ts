// The kept e-mails of the catch-all mailer: GET /mail lists the firm's messages, GET /mail/:file
// shows one (headers, text, attachments), `?raw=1` downloads its `.eml` bytes. Only the folder of
// the user's own firm is read, and only names the mailer writes are accepted.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Hono } from "hono";
import { html } from "hono/html";
import { requireRole } from "../auth/require-role.js";
import type { AppEnv, Role } from "../context.js";
import { refuse } from "../security/refuse.js";
import { renderPage } from "../web/layout.js";
import { defineMessages } from "../web/messages.js";
import { mailFolder } from "./catch-all-mailer.js";
import { readEml } from "./read-eml.js";

const t = defineMessages({
  nl: {
    title: "Bewaarde e-mails",
    none: "Nog geen e-mails. Zonder SMTP-server bewaart de server elke e-mail hier.",
    smtp: "E-mail gaat via de SMTP-server; er worden geen kopieën bewaard.",
    subject: "Onderwerp",
    to: "Aan",
    from: "Van",
    date: "Datum",
    attachments: "Bijlagen",
    raw: "Download als .eml",
  },
  fr: {
    title: "E-mails conservés",
    none: "Aucun e-mail. Sans serveur SMTP, le serveur conserve chaque e-mail ici.",
    smtp: "Les e-mails partent par le serveur SMTP ; aucune copie n'est conservée.",
    subject: "Objet",
    to: "À",
    from: "De",
    date: "Date",
    attachments: "Pièces jointes",
    raw: "Télécharger en .eml",
  },
  en: {
    title: "Kept e-mails",
    none: "No e-mails yet. Without an SMTP server, the server keeps every e-mail here.",
    smtp: "E-mail goes out through the SMTP server; no copies are kept.",
    subject: "Subject",
    to: "To",
    from: "From",
    date: "Date",
    attachments: "Attachments",
    raw: "Download as .eml",
  },
});

const FILE = /^[0-9T_-]+Z-\d{4}-[A-Za-z0-9._-]+\.eml$/;

/**
 * Registers the pages of the kept e-mails for the given roles.
 *
 * @example
 * ```ts
 * registerMail(app, ["clerk", "lawyer", "admin"]);
 * ```
 */
export function registerMail(app: Hono<AppEnv>, roles: readonly Role[]): void {
  app.get("/mail", requireRole(roles), async (c) => {
    const { mailDir } = c.get("services");
    const lang = c.get("lang");
    if (mailDir === null)
      return renderPage(c, {
        title: t(lang, "title"),
        main: html`<h1>${t(lang, "title")}</h1><p>${t(lang, "smtp")}</p>`,
      });
    const folder = join(mailDir, mailFolder(c.get("user").tenantId));
    const files = (await readdir(folder).catch(() => [] as string[]))
      .filter((name) => FILE.test(name))
      .sort()
      .reverse()
      .slice(0, 200);
    const rows = await Promise.all(
      files.map(async (name) => ({ name, mail: readEml(await readFile(join(folder, name))) })),
    );
    return renderPage(c, {
      title: t(lang, "title"),
      main: html`<h1>${t(lang, "title")}</h1>
${
  rows.length === 0
    ? html`<p>${t(lang, "none")}</p>`
    : html`<div class="table-wrap"><table><thead><tr><th scope="col">${t(lang, "date")}</th><th scope="col">${t(lang, "to")}</th><th scope="col">${t(lang, "subject")}</th></tr></thead><tbody>${rows.map(
        ({ name, mail }) =>
          html`<tr><td>${mail.date}</td><td>${mail.to}</td><td><a href="/mail/${name}">${mail.subject || name}</a></td></tr>`,
      )}</tbody></table></div>`
}`,
    });
  });

  app.get("/mail/:file", requireRole(roles), async (c) => {
    const { mailDir } = c.get("services");
    const name = c.req.param("file");
    if (mailDir === null || !FILE.test(name)) return refuse(c, 404, "No such e-mail.");
    const path = join(mailDir, mailFolder(c.get("user").tenantId), name);
    const bytes = await readFile(path).catch(() => undefined);
    if (bytes === undefined) return refuse(c, 404, "No such e-mail.");
    await c.get("audit")("open-mail", name);
    if (c.req.query("raw") === "1")
      return c.body(new Uint8Array(bytes), 200, {
        "content-type": "message/rfc822",
        "content-disposition": `attachment; filename="${name}"`,
      });
    const attachment = c.req.query("attachment");
    const mail = readEml(bytes);
    if (attachment !== undefined) {
      const part = mail.attachments[Number(attachment)];
      if (part === undefined || !/^\d+$/.test(attachment))
        return refuse(c, 404, "No such attachment.");
      return c.body(new Uint8Array(part.content), 200, {
        "content-type":
          part.contentType === "application/pdf" ? "application/pdf" : "application/octet-stream",
        "content-disposition": `${part.contentType === "application/pdf" ? "inline" : "attachment"}; filename="${part.filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      });
    }
    const lang = c.get("lang");
    return renderPage(c, {
      title: mail.subject || t(lang, "title"),
      active: "/mail",
      main: html`<h1>${mail.subject}</h1>
<dl class="facts"><dt>${t(lang, "from")}</dt><dd>${mail.from}</dd><dt>${t(lang, "to")}</dt><dd>${mail.to}</dd><dt>${t(lang, "date")}</dt><dd>${mail.date}</dd><dt>Message-ID</dt><dd>${mail.messageId}</dd></dl>
<pre class="mail">${mail.text}</pre>
${
  mail.attachments.length === 0
    ? ""
    : html`<h2>${t(lang, "attachments")}</h2><ul>${mail.attachments.map(
        (part, index) =>
          html`<li><a href="/mail/${name}?attachment=${index}">${part.filename}</a> (${part.contentType}, ${part.content.length} B)</li>`,
      )}</ul>`
}
<p><a href="/mail/${name}?raw=1">${t(lang, "raw")}</a></p>`,
    });
  });
}
