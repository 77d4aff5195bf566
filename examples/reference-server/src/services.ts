// The composition root: every Incasso package wired for the server. The store is
// @incasso/storage-postgres on an embedded PGlite data directory, or on the PostgreSQL server of
// DATABASE_URL (migrations on start, the store's then the server's own); letters render with
// @incasso/documents (PDF through Chromium, HTML without it); e-mail goes out through
// @incasso/notify's SMTP mailer, or into the local catch-all that keeps `.eml` files; SMS through
// an HTTP gateway when configured. The clock is injected.
import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { DocumentRenderer, Mailbox, Mailer, SmsSender } from "@incasso/core";
import { createHtmlRenderer, createPdfRenderer } from "@incasso/documents";
import { createHttpSmsSender, createSmtpMailer } from "@incasso/notify";
import type { SqlClient as StoreSqlClient } from "@incasso/storage-postgres";
import { createPostgresStore, fromPg, fromPglite, migrate } from "@incasso/storage-postgres";
import pg from "pg";
import { Temporal } from "temporal-polyfill";
import type { ServerConfig } from "./config.js";
import type { ServerServices, SqlClient } from "./context.js";
import { createCatchAllMailer } from "./mail/catch-all-mailer.js";
import type { Firm } from "./server-schema/firms.js";
import { listFirms } from "./server-schema/firms.js";
import { migrateServer } from "./server-schema/migrate.js";

/** What the composition root answers: the services of every handler plus what the host needs. */
export interface ReferenceServices extends ServerServices {
  readonly config: ServerConfig;
  /** The database of the store and of the server's tables, with transactions. */
  readonly db: StoreSqlClient;
  /** The firms the server hosts (cached; {@link ReferenceServices.refreshFirms} reloads). */
  firms(): readonly Firm[];
  refreshFirms(): Promise<readonly Firm[]>;
  /** The pool of the PostgreSQL server (the job queue uses it); null on PGlite. */
  readonly pool: pg.Pool | null;
  /** Whether the database is PGlite (in-process jobs) or a PostgreSQL server (the job queue). */
  readonly embedded: boolean;
  /** PGlite only: the data directory as a gzipped tarball (tests share a seeded one); null on PostgreSQL. */
  dumpDataDir(): Promise<Blob | null>;
}

/** What {@link createServices} may be given besides the configuration (tests inject these). */
export interface ServiceOverrides {
  readonly now?: () => Temporal.Instant;
  readonly mailer?: Mailer;
  readonly renderer?: DocumentRenderer;
  readonly sms?: SmsSender | null;
  /**
   * PGlite only: where its data lives instead of `<dataDir>/pglite` (`memory://` for tests), and a
   * data directory dump to start from (PGlite's `dumpDataDir`, for tests that share a seeded one).
   */
  readonly pglite?: { readonly dataDir?: string; readonly loadDataDir?: Blob };
}

function smsSender(config: ServerConfig): SmsSender | null {
  if (config.sms === null) return null;
  return createHttpSmsSender({
    name: "sms-gateway",
    url: config.sms.url,
    headers: { authorization: `Bearer ${config.sms.token}` },
    body: {
      json: { to: "{{to}}", text: "{{text}}", from: "{{sender}}", reference: "{{idempotencyKey}}" },
    },
    defaultSender: config.sms.sender,
    idempotencyHeader: "Idempotency-Key",
    messageIdPath: "id",
    errorCodePath: "error.code",
    errorMessagePath: "error.message",
  });
}

/**
 * Opens everything the server needs from its configuration: the database (migrated), the store,
 * the renderer, the mailer, the SMS sender and the clock.
 *
 * @example
 * ```ts
 * const services = await createServices(loadConfig(process.env));
 * try { console.log(services.today().toString()); } finally { await services.close(); }
 * ```
 */
export async function createServices(
  config: ServerConfig,
  overrides: ServiceOverrides = {},
): Promise<ReferenceServices> {
  await mkdir(config.dataDir, { recursive: true });
  let db: StoreSqlClient;
  let closeDb: () => Promise<void>;
  let pool: pg.Pool | null = null;
  let dump: () => Promise<Blob | null> = async () => null;
  if (config.databaseUrl === null) {
    const pglite = await PGlite.create(
      overrides.pglite?.dataDir ?? join(config.dataDir, "pglite"),
      {
        ...(overrides.pglite?.loadDataDir === undefined
          ? {}
          : { loadDataDir: overrides.pglite.loadDataDir }),
      },
    );
    db = fromPglite(pglite);
    closeDb = () => pglite.close();
    dump = () => pglite.dumpDataDir("gzip");
  } else {
    const opened = new pg.Pool({ connectionString: config.databaseUrl, max: 10 });
    opened.on("error", (error) => console.error("database pool:", error.message));
    pool = opened;
    db = fromPg(opened);
    closeDb = () => opened.end();
  }
  try {
    await migrate(db);
    await migrateServer(db);
  } catch (error) {
    await closeDb();
    throw error;
  }
  const store = createPostgresStore({ client: db });
  const now = overrides.now ?? (() => Temporal.Now.instant());
  let firms: readonly Firm[] = await listFirms(db);
  const firmOf = (tenantId: string) => firms.find((firm) => firm.tenantId === tenantId);

  const mailDir = config.smtp === null ? join(config.dataDir, "mail") : null;
  let mailer: Mailer;
  if (overrides.mailer !== undefined) mailer = overrides.mailer;
  else if (config.smtp === null)
    mailer = createCatchAllMailer({
      dir: mailDir as string,
      identity: (name): Mailbox | undefined => firmOf(name)?.mailFrom,
      clock: now,
    });
  else {
    // Each firm's dispatcher gives its own From; the SMTP server's account sends for all of them.
    mailer = createSmtpMailer({
      host: config.smtp.host,
      port: config.smtp.port,
      secure: config.smtp.secure,
      requireTLS: config.smtp.requireTLS,
      ...(config.smtp.caFile === null
        ? {}
        : { tls: { ca: await readFile(config.smtp.caFile, "utf8") } }),
      ...(config.smtp.user === null || config.smtp.password === null
        ? {}
        : { auth: { user: config.smtp.user, pass: config.smtp.password } }),
    });
  }
  const renderer =
    overrides.renderer ??
    (existsSync(config.chromiumPath)
      ? createPdfRenderer({ executablePath: config.chromiumPath })
      : createHtmlRenderer());
  const sms = overrides.sms === undefined ? smsSender(config) : overrides.sms;

  const sql: SqlClient = { query: (text, params) => db.query(text, params) };
  const asClient = (tx: { query: SqlClient["query"] }): SqlClient => ({
    query: (text, params) => tx.query(text, params),
  });
  let closed = false;
  return {
    config,
    db,
    store,
    renderer,
    mailer,
    sms,
    now,
    today: () => now().toZonedDateTimeISO(config.timeZone).toPlainDate(),
    timeZone: config.timeZone,
    dataDir: config.dataDir,
    mailDir,
    sql,
    embedded: config.databaseUrl === null,
    pool,
    dumpDataDir: () => dump(),
    inTenant: (tenantId, work) =>
      db.transaction(async (tx) => {
        await tx.query("SELECT set_config('incasso.tenant_id', $1, true)", [tenantId]);
        return work(asClient(tx));
      }),
    transaction: (work) => db.transaction((tx) => work(asClient(tx))),
    firms: () => firms,
    async refreshFirms() {
      firms = await listFirms(db);
      return firms;
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.allSettled([mailer.close(), renderer.close()]);
      await closeDb();
    },
  };
}
