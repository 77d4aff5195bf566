// The contract every part of the reference server shares: what a request handler finds on the
// Hono context (the services of the composition root, the signed-in user, the store scope, the
// language, the CSRF token, the audit log) and the roles.
import type { CaseStore, DocumentRenderer, Mailer, SmsSender, StoreScope } from "@incasso/core";
import type { Temporal } from "temporal-polyfill";

/** The roles of a firm's users, and `portal` for a client's user bound to one client. */
export type Role = "clerk" | "lawyer" | "admin" | "portal";

/** The languages of the pages. */
export type Language = "nl" | "fr" | "en";

/** The languages of the pages, in the order the language menu shows them. */
export const LANGUAGES: readonly Language[] = ["nl", "fr", "en"];

/** A signed-in user, as the session middleware puts it on the context. */
export interface SessionUser {
  readonly userId: string;
  readonly tenantId: string;
  readonly role: Role;
  /** The one client a portal user sees; null for the firm's users. */
  readonly clientId: string | null;
  readonly name: string;
  readonly email: string;
  readonly language: Language;
}

/**
 * What the composition root wires: the store (PGlite or PostgreSQL), the document renderer, the
 * mailer (SMTP, or the catch-all that keeps `.eml` files), the SMS sender, the clock, and where
 * files live. Handlers take time from `now()`/`today()`, never from `Date`.
 */
export interface ServerServices {
  readonly store: CaseStore;
  readonly renderer: DocumentRenderer;
  readonly mailer: Mailer;
  readonly sms: SmsSender | null;
  /** The current instant (injected: tests fix it). */
  now(): Temporal.Instant;
  /** Today in the firm's time zone. */
  today(): Temporal.PlainDate;
  /** The firm's time zone, such as `Europe/Brussels`. */
  readonly timeZone: string;
  /** The data directory (PGlite data, uploaded files, kept e-mails). */
  readonly dataDir: string;
  /** Where the catch-all mailer keeps `.eml` files; null when SMTP is configured. */
  readonly mailDir: string | null;
  /** The raw SQL client of the store (PGlite or pg pool) for the server's own tables. */
  readonly sql: SqlClient;
  /**
   * Runs `work` in one transaction of a tenant: the transaction-local `incasso.tenant_id` the
   * row-level security policies read is set first (as the store does). For the server's tables.
   */
  inTenant<T>(tenantId: string, work: (tx: SqlClient) => Promise<T>): Promise<T>;
  /** Runs `work` in one transaction without a tenant (the sign-in directory, login attempts). */
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
  /** Closes everything the root opened. */
  close(): Promise<void>;
}

/** The smallest SQL client both PGlite and a pg pool satisfy. */
export interface SqlClient {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: Row[] }>;
}

/** Hono's environment of the reference server: the variables every handler may read. */
export interface AppEnv {
  Variables: {
    services: ServerServices;
    /** Set on every route behind the session middleware. */
    user: SessionUser;
    /** The store scope of the user: the tenant, and for a portal user the client. */
    scope: StoreScope;
    lang: Language;
    /** The session's CSRF token: every form carries it as `_csrf`, every API write as `x-csrf-token`. */
    csrfToken: string;
    /** The per-response nonce the Content-Security-Policy allows for inline scripts and styles. */
    nonce: string;
    /** Writes one line of the audit log (who, what, which target) in the user's tenant. */
    audit: (action: string, target?: string, detail?: Record<string, unknown>) => Promise<void>;
  };
}
