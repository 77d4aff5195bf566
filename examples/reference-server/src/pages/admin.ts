// /admin (admins only): the users of the firm (create, change role, reset password) and the
// audit log (filter by user, path and dates). Every change is written to the audit log.
import { randomBytes } from "node:crypto";
import type { Context, Hono } from "hono";
import { html } from "hono/html";
import { z } from "zod";
import { readAudit } from "../auth/audit.js";
import { requireRole } from "../auth/require-role.js";
import { createUser, listUsers, setPassword, setRole } from "../auth/users.js";
import type { AppEnv } from "../context.js";
import { refuse } from "../security/refuse.js";
import { csrfField, renderPage } from "../web/layout.js";
import { defineMessages } from "../web/messages.js";

const t = defineMessages({
  nl: {
    title: "Beheer",
    users: "Gebruikers",
    name: "Naam",
    email: "E-mailadres",
    role: "Rol",
    client: "Cliënt",
    language: "Taal",
    change: "Rol wijzigen",
    reset: "Nieuw wachtwoord",
    newPassword: "Nieuw wachtwoord voor {name}: {password} (wordt maar één keer getoond)",
    create: "Gebruiker toevoegen",
    password: "Wachtwoord (minstens 12 tekens)",
    audit: "Auditlog",
    user: "Gebruiker",
    path: "Pad begint met",
    from: "Van",
    to: "Tot en met",
    filter: "Filteren",
    at: "Tijdstip",
    action: "Actie",
    status: "Status",
    target: "Doel",
    any: "Iedereen",
    created: "Gebruiker {name} toegevoegd.",
    changed: "Rol van {name} gewijzigd.",
  },
  fr: {
    title: "Administration",
    users: "Utilisateurs",
    name: "Nom",
    email: "Adresse e-mail",
    role: "Rôle",
    client: "Client",
    language: "Langue",
    change: "Changer le rôle",
    reset: "Nouveau mot de passe",
    newPassword: "Nouveau mot de passe pour {name} : {password} (affiché une seule fois)",
    create: "Ajouter un utilisateur",
    password: "Mot de passe (au moins 12 caractères)",
    audit: "Journal d'audit",
    user: "Utilisateur",
    path: "Chemin commençant par",
    from: "Du",
    to: "Au",
    filter: "Filtrer",
    at: "Moment",
    action: "Action",
    status: "Statut",
    target: "Cible",
    any: "Tous",
    created: "Utilisateur {name} ajouté.",
    changed: "Rôle de {name} modifié.",
  },
  en: {
    title: "Admin",
    users: "Users",
    name: "Name",
    email: "E-mail address",
    role: "Role",
    client: "Client",
    language: "Language",
    change: "Change role",
    reset: "New password",
    newPassword: "New password for {name}: {password} (shown only once)",
    create: "Add a user",
    password: "Password (at least 12 characters)",
    audit: "Audit log",
    user: "User",
    path: "Path starts with",
    from: "From",
    to: "Until",
    filter: "Filter",
    at: "When",
    action: "Action",
    status: "Status",
    target: "Target",
    any: "Anyone",
    created: "User {name} added.",
    changed: "Role of {name} changed.",
  },
});

const FIRM_ROLE_OPTIONS = ["clerk", "lawyer", "admin"] as const;
const day = z
  .union([z.literal(""), z.iso.date({ error: "expected a date YYYY-MM-DD" })])
  .optional();
const auditQuery = z.object({
  user: z.string().max(100).optional(),
  path: z.string().max(200).optional(),
  from: day,
  to: day,
});

async function adminPage(
  c: Context<AppEnv>,
  notice?: { text: string; error?: boolean },
  status: 200 | 400 = 200,
) {
  const lang = c.get("lang");
  const me = c.get("user");
  const services = c.get("services");
  const users = await listUsers(services, me.tenantId);
  const query = auditQuery.safeParse(c.req.query());
  const filter = query.success ? query.data : {};
  const lines = await readAudit(services, me.tenantId, {
    ...(filter.user === undefined ? {} : { userId: filter.user }),
    ...(filter.path === undefined ? {} : { path: filter.path }),
    ...(filter.from === undefined ? {} : { from: filter.from }),
    ...(filter.to === undefined ? {} : { to: filter.to }),
    limit: 200,
  });
  const clients = await services.store.listClients({ tenantId: me.tenantId });
  return renderPage(c, {
    title: t(lang, "title"),
    active: "/admin",
    status,
    main: html`<h1>${t(lang, "title")}</h1>
${notice === undefined ? "" : html`<p class="notice${notice.error ? " error" : ""}" role="status">${notice.text}</p>`}
<h2 id="users">${t(lang, "users")}</h2>
<div class="table-wrap"><table aria-labelledby="users"><thead><tr>
<th scope="col">${t(lang, "name")}</th><th scope="col">${t(lang, "email")}</th><th scope="col">${t(lang, "role")}</th><th scope="col">${t(lang, "client")}</th><th scope="col">${t(lang, "reset")}</th>
</tr></thead><tbody>
${users.map(
  (user) =>
    html`<tr><td>${user.name}</td><td>${user.email}</td><td>${
      user.role === "portal"
        ? "portal"
        : html`<form method="post" action="/admin/users/${user.userId}/role" class="inline">${csrfField(c)}
<label class="visually-hidden" for="role-${user.userId}">${t(lang, "role")} ${user.name}</label>
<select id="role-${user.userId}" name="role">${FIRM_ROLE_OPTIONS.map(
            (role) =>
              html`<option value="${role}"${role === user.role ? html` selected` : ""}>${role}</option>`,
          )}</select> <button type="submit" class="secondary">${t(lang, "change")}</button></form>`
    }</td><td>${user.clientId ?? "—"}</td><td><form method="post" action="/admin/users/${user.userId}/password" class="inline">${csrfField(c)}<button type="submit" class="secondary" aria-label="${t(lang, "reset")}: ${user.name}">${t(lang, "reset")}</button></form></td></tr>`,
)}
</tbody></table></div>
<h2 id="create">${t(lang, "create")}</h2>
<form method="post" action="/admin/users" class="stack" aria-labelledby="create">${csrfField(c)}
<label for="new-name">${t(lang, "name")}</label><input id="new-name" name="name" required>
<label for="new-email">${t(lang, "email")}</label><input id="new-email" name="email" type="email" required>
<label for="new-role">${t(lang, "role")}</label><select id="new-role" name="role">${[
      ...FIRM_ROLE_OPTIONS,
      "portal",
    ].map((role) => html`<option value="${role}">${role}</option>`)}</select>
<label for="new-client">${t(lang, "client")}</label><select id="new-client" name="clientId"><option value="">—</option>${clients.map(
      (client) => html`<option value="${client.id}">${client.name}</option>`,
    )}</select>
<label for="new-language">${t(lang, "language")}</label><select id="new-language" name="language"><option>nl</option><option>fr</option><option>en</option></select>
<label for="new-password">${t(lang, "password")}</label><input id="new-password" name="password" type="password" minlength="12" autocomplete="new-password" required>
<button type="submit">${t(lang, "create")}</button>
</form>
<h2 id="audit">${t(lang, "audit")}</h2>
<form method="get" action="/admin" class="filters" aria-labelledby="audit">
<div><label for="f-user">${t(lang, "user")}</label><select id="f-user" name="user"><option value="">${t(lang, "any")}</option>${users.map(
      (user) =>
        html`<option value="${user.userId}"${filter.user === user.userId ? html` selected` : ""}>${user.name}</option>`,
    )}</select></div>
<div><label for="f-path">${t(lang, "path")}</label><input id="f-path" name="path" value="${filter.path ?? ""}"></div>
<div><label for="f-from">${t(lang, "from")}</label><input id="f-from" name="from" type="date" value="${filter.from ?? ""}"></div>
<div><label for="f-to">${t(lang, "to")}</label><input id="f-to" name="to" type="date" value="${filter.to ?? ""}"></div>
<div><button type="submit">${t(lang, "filter")}</button></div>
</form>
${query.success ? "" : html`<p class="error" role="alert">${query.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}</p>`}
<div class="table-wrap"><table><thead><tr><th scope="col">${t(lang, "at")}</th><th scope="col">${t(lang, "user")}</th><th scope="col">${t(lang, "action")}</th><th scope="col">${t(lang, "path")}</th><th scope="col" class="num">${t(lang, "status")}</th><th scope="col">${t(lang, "target")}</th></tr></thead>
<tbody>${lines.map(
      (line) =>
        html`<tr><td>${line.at}</td><td>${line.userId ?? "—"}</td><td>${line.action}</td><td>${line.method} ${line.path}</td><td class="num">${line.status ?? ""}</td><td>${line.target ?? ""}${
          line.detail === null
            ? ""
            : html` <span class="muted">${JSON.stringify(line.detail)}</span>`
        }</td></tr>`,
    )}</tbody></table></div>`,
  });
}

/**
 * Registers /admin and its forms.
 *
 * @example
 * ```ts
 * registerAdmin(app);
 * ```
 */
export function registerAdmin(app: Hono<AppEnv>): void {
  const admin = requireRole(["admin"]);
  app.get("/admin", admin, (c) => adminPage(c));

  app.post("/admin/users", admin, async (c) => {
    const me = c.get("user");
    const body = await c.req.parseBody();
    const role = String(body.role ?? "");
    const input = {
      name: String(body.name ?? ""),
      email: String(body.email ?? ""),
      role,
      clientId: role === "portal" && body.clientId ? String(body.clientId) : null,
      language: String(body.language ?? "nl"),
      password: String(body.password ?? ""),
    };
    try {
      // biome-ignore lint/suspicious/noExplicitAny: validated by createUser's schema
      const user = await createUser(c.get("services"), me.tenantId, input as any);
      await c.get("audit")("create-user", user.userId, { role: user.role, email: user.email });
      return adminPage(c, { text: t(c.get("lang"), "created", { name: user.name }) });
    } catch (error) {
      const message =
        error instanceof z.ZodError
          ? error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")
          : "email: expected an address no other user has";
      return adminPage(c, { text: message, error: true }, 400);
    }
  });

  app.post("/admin/users/:userId/role", admin, async (c) => {
    const me = c.get("user");
    const role = String((await c.req.parseBody()).role ?? "");
    if (!(FIRM_ROLE_OPTIONS as readonly string[]).includes(role))
      return adminPage(c, { text: "role: expected clerk, lawyer or admin", error: true }, 400);
    const userId = c.req.param("userId");
    const changed = await setRole(c.get("services"), me.tenantId, userId, role as "clerk");
    if (!changed) return refuse(c, 404, `No firm user ${userId} in this firm.`);
    await c.get("audit")("change-role", userId, { role });
    return adminPage(c, { text: t(c.get("lang"), "changed", { name: userId }) });
  });

  app.post("/admin/users/:userId/password", admin, async (c) => {
    const me = c.get("user");
    const userId = c.req.param("userId");
    const password = randomBytes(12).toString("base64url");
    const changed = await setPassword(c.get("services"), me.tenantId, userId, password);
    if (!changed) return refuse(c, 404, `No user ${userId} in this firm.`);
    await c.get("audit")("reset-password", userId);
    return adminPage(c, { text: t(c.get("lang"), "newPassword", { name: userId, password }) });
  });
}
