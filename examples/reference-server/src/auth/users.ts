// The users of the firms (clerk, lawyer, admin) and of their clients (portal), in the server's
// `users` table (row-level security on the tenant) with the sign-in directory that routes an
// address to its firm.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Language, Role, ServerServices, SessionUser, SqlClient } from "../context.js";
import { hashPassword } from "./password.js";

/** The roles a user may have. */
export const ROLES: readonly Role[] = ["clerk", "lawyer", "admin", "portal"];

/** A user as the admin page lists it. */
export interface UserRecord extends SessionUser {
  readonly active: boolean;
  readonly createdAt: string;
}

/** What {@link createUser} needs. */
export const newUserSchema = z
  .object({
    userId: z
      .string()
      .regex(/^[A-Za-z0-9._:/-]{1,64}$/, "expected 1 to 64 letters, digits or . _ : / -")
      .optional(),
    email: z
      .email({ error: "expected an e-mail address" })
      .transform((email) => email.toLowerCase()),
    name: z.string().trim().min(1, "expected a name").max(200, "expected at most 200 characters"),
    role: z.enum(["clerk", "lawyer", "admin", "portal"], {
      error: "expected clerk, lawyer, admin or portal",
    }),
    clientId: z.string().min(1, "expected a client id").nullable().default(null),
    language: z.enum(["nl", "fr", "en"], { error: "expected nl, fr or en" }).default("nl"),
    password: z
      .string()
      .min(12, "expected a password of at least 12 characters")
      .max(1000, "expected at most 1000 characters"),
  })
  .refine((user) => (user.role === "portal") === (user.clientId !== null), {
    path: ["clientId"],
    message: "expected a client for a portal user, and none for a firm user",
  });

/** The input of {@link createUser}. */
export type NewUser = z.input<typeof newUserSchema>;

interface UserRow {
  tenant_id: string;
  user_id: string;
  email: string;
  name: string;
  role: Role;
  client_id: string | null;
  language: Language;
  password_hash: string;
  active: boolean;
  created_at: string;
}

const COLUMNS =
  "tenant_id, user_id, email, name, role, client_id, language, password_hash, active, created_at::text AS created_at";

const toUser = (row: UserRow): UserRecord => ({
  userId: row.user_id,
  tenantId: row.tenant_id,
  role: row.role,
  clientId: row.client_id,
  name: row.name,
  email: row.email,
  language: row.language,
  active: row.active,
  createdAt: row.created_at,
});

/**
 * Creates a user in a tenant (its password hashed with scrypt). Throws a zod error for bad input
 * and a database error when the address is taken.
 *
 * @example
 * ```ts
 * await createUser(services, "be-firm", { email: "an@firm.example", name: "An", role: "clerk", password: "a long secret phrase" });
 * ```
 */
export async function createUser(
  services: ServerServices,
  tenantId: string,
  input: NewUser,
): Promise<UserRecord> {
  const user = newUserSchema.parse(input);
  const hash = await hashPassword(user.password);
  const userId = user.userId ?? `u-${randomUUID()}`;
  await services.transaction(async (tx) => {
    await tx.query("SELECT set_config('incasso.tenant_id', $1, true)", [tenantId]);
    await tx.query("INSERT INTO user_directory (email, tenant_id, user_id) VALUES ($1, $2, $3)", [
      user.email,
      tenantId,
      userId,
    ]);
    await tx.query(
      `INSERT INTO users (tenant_id, user_id, email, name, role, client_id, language, password_hash, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        tenantId,
        userId,
        user.email,
        user.name,
        user.role,
        user.clientId,
        user.language,
        hash,
        services.now().toString(),
      ],
    );
  });
  return (await getUser(services, tenantId, userId)) as UserRecord;
}

/**
 * Finds the account of an address with its password hash (for sign-in), in whatever firm it is.
 *
 * @example
 * ```ts
 * const found = await findLogin(services, "an@firm.example");
 * ```
 */
export async function findLogin(
  services: ServerServices,
  email: string,
): Promise<{ user: UserRecord; passwordHash: string } | undefined> {
  const address = email.trim().toLowerCase();
  const entry = (
    await services.sql.query<{ tenant_id: string; user_id: string }>(
      "SELECT tenant_id, user_id FROM user_directory WHERE email = $1",
      [address],
    )
  ).rows[0];
  if (entry === undefined) return undefined;
  const row = await services.inTenant(
    entry.tenant_id,
    async (tx) =>
      (
        await tx.query<UserRow>(
          `SELECT ${COLUMNS} FROM users WHERE tenant_id = $1 AND user_id = $2`,
          [entry.tenant_id, entry.user_id],
        )
      ).rows[0],
  );
  return row === undefined ? undefined : { user: toUser(row), passwordHash: row.password_hash };
}

/**
 * One user of a tenant.
 *
 * @example
 * ```ts
 * const user = await getUser(services, "be-firm", "be-clerk");
 * ```
 */
export async function getUser(
  services: ServerServices,
  tenantId: string,
  userId: string,
  tx?: SqlClient,
): Promise<UserRecord | undefined> {
  const read = async (db: SqlClient) =>
    (
      await db.query<UserRow>(
        `SELECT ${COLUMNS} FROM users WHERE tenant_id = $1 AND user_id = $2`,
        [tenantId, userId],
      )
    ).rows[0];
  const row = tx === undefined ? await services.inTenant(tenantId, read) : await read(tx);
  return row === undefined ? undefined : toUser(row);
}

/**
 * The users of a tenant, by name.
 *
 * @example
 * ```ts
 * const users = await listUsers(services, "be-firm");
 * ```
 */
export async function listUsers(services: ServerServices, tenantId: string): Promise<UserRecord[]> {
  return services.inTenant(tenantId, async (tx) =>
    (
      await tx.query<UserRow>(
        `SELECT ${COLUMNS} FROM users WHERE tenant_id = $1 ORDER BY name, user_id`,
        [tenantId],
      )
    ).rows.map(toUser),
  );
}

/**
 * What an owner filter typed by a clerk names: a user id, or several users that the text names
 * alike (two users of one name), or text that names no user (an owner who is not a user, kept as
 * typed).
 */
export type TypedOwner =
  | { readonly id: string }
  | { readonly ambiguous: readonly { readonly userId: string; readonly name: string }[] };

/**
 * How the pages name the people in a case, both ways.
 * - `nameOf` gives the user's name for a user id or e-mail address (what events record as `by`
 *   and a case's owner); anything else (a job such as `dispatcher`, a user since removed) is shown
 *   as recorded.
 * - `idOf` reads what a clerk types in an owner filter: a user id exactly as recorded wins;
 *   otherwise the e-mail address or the name (in any case) of an active firm user (portal users
 *   and inactive users are not owners); text that names two users alike is ambiguous; text that
 *   names no user is taken as the owner id it is.
 *
 * @example
 * ```ts
 * const users = await userDirectory(services, "be-peeters");
 * users.nameOf("be-lawyer"); // "Marc Dubois"
 * users.idOf("marc dubois"); // { id: "be-lawyer" }
 * ```
 */
export async function userDirectory(
  services: ServerServices,
  tenantId: string,
): Promise<{ nameOf(idOrEmail: string): string; idOf(typed: string): TypedOwner }> {
  const all = await listUsers(services, tenantId);
  const names = new Map<string, string>();
  const userIds = new Set<string>();
  const byKey = new Map<string, UserRecord[]>();
  const key = (text: string) => text.trim().toLocaleLowerCase("nl-BE");
  for (const user of all) {
    names.set(user.userId, user.name);
    names.set(user.email, user.name);
    userIds.add(user.userId);
    if (user.role === "portal" || !user.active) continue;
    for (const text of new Set([key(user.email), key(user.name)])) {
      const list = byKey.get(text) ?? [];
      list.push(user);
      byKey.set(text, list);
    }
  }
  return {
    nameOf: (idOrEmail) => names.get(idOrEmail) ?? idOrEmail,
    idOf: (typed) => {
      const text = typed.trim();
      if (userIds.has(text)) return { id: text };
      const found = byKey.get(key(text)) ?? [];
      if (found.length === 1) return { id: (found[0] as UserRecord).userId };
      if (found.length === 0) return { id: text };
      return { ambiguous: found.map((user) => ({ userId: user.userId, name: user.name })) };
    },
  };
}

/**
 * Changes a firm user's role (a portal user stays a portal user). Ends the user's sessions, so
 * the new role applies at once.
 *
 * @example
 * ```ts
 * await setRole(services, "be-firm", "be-clerk", "lawyer");
 * ```
 */
export async function setRole(
  services: ServerServices,
  tenantId: string,
  userId: string,
  role: Exclude<Role, "portal">,
): Promise<boolean> {
  return services.inTenant(tenantId, async (tx) => {
    const changed = await tx.query<{ user_id: string }>(
      "UPDATE users SET role = $3 WHERE tenant_id = $1 AND user_id = $2 AND role <> 'portal' RETURNING user_id",
      [tenantId, userId, role],
    );
    if (changed.rows.length === 0) return false;
    await tx.query("DELETE FROM sessions WHERE tenant_id = $1 AND user_id = $2", [
      tenantId,
      userId,
    ]);
    return true;
  });
}

/**
 * Sets a new password and ends the user's sessions.
 *
 * @example
 * ```ts
 * await setPassword(services, "be-firm", "be-clerk", "a new long secret phrase");
 * ```
 */
export async function setPassword(
  services: ServerServices,
  tenantId: string,
  userId: string,
  password: string,
): Promise<boolean> {
  const checked = newUserSchema.shape.password.parse(password);
  const hash = await hashPassword(checked);
  return services.inTenant(tenantId, async (tx) => {
    const changed = await tx.query<{ user_id: string }>(
      "UPDATE users SET password_hash = $3 WHERE tenant_id = $1 AND user_id = $2 RETURNING user_id",
      [tenantId, userId, hash],
    );
    if (changed.rows.length === 0) return false;
    await tx.query("DELETE FROM sessions WHERE tenant_id = $1 AND user_id = $2", [
      tenantId,
      userId,
    ]);
    return true;
  });
}
