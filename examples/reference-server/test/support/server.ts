// The reference server for tests: a fresh PGlite data directory in a temporary folder (or a fresh
// database on the PostgreSQL server when asked), the demo data, the app, a request helper that
// signs in as a demo user and carries the session cookie and CSRF token, and listen() for the
// browser tests.
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { Temporal } from "temporal-polyfill";
import { createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import type { Role } from "../../src/context.js";
import type { DemoLogin } from "../../src/demo/logins.js";
import { demoLogin } from "../../src/demo/logins.js";
import { seedDemo } from "../../src/demo/seed.js";
import type { LoginLimit } from "../../src/security/login-limit.js";
import type { ReferenceServices, ServiceOverrides } from "../../src/services.js";
import { createServices } from "../../src/services.js";

const SOURCE = join(dirname(fileURLToPath(import.meta.url)), "../../src");

/** A key of everything the seeded template depends on: the day, and the sources that write it. */
async function templateKey(day: string): Promise<string> {
  const hash = createHash("sha256").update(day);
  for (const folder of ["demo", "server-schema", "auth"]) {
    for (const file of (await readdir(join(SOURCE, folder))).sort())
      hash.update(file).update(await readFile(join(SOURCE, folder, file)));
  }
  for (const file of ["services.ts", "context.ts"]) hash.update(await readFile(join(SOURCE, file)));
  // The store's migrations and the core's rules (the daily run writes the agenda) shape it too.
  for (const pkg of ["core/src", "storage-postgres/src"]) {
    const root = join(SOURCE, "../../../packages", pkg);
    for (const file of (await readdir(root, { recursive: true }))
      .filter((name) => name.endsWith(".ts"))
      .sort())
      hash.update(file).update(await readFile(join(root, file)));
  }
  return hash.digest("hex").slice(0, 20);
}

/** Options of {@link startTestServer}. */
export interface TestServerOptions {
  /** The clock (fixed instants make dates reproducible). */
  readonly now?: () => Temporal.Instant;
  /** An SMTP server to send through (the test SMTP server); otherwise the catch-all keeps `.eml` files. */
  readonly smtp?: {
    readonly host: string;
    readonly port: number;
    readonly from?: string;
    /** STARTTLS required (default false here: the test SMTP server on 127.0.0.1 may offer none). */
    readonly requireTLS?: boolean;
    /** A PEM file of the CA of the test server's certificate. */
    readonly caFile?: string;
  };
  /** A PostgreSQL URL of a fresh database (see storage-postgres' createTestDatabase); PGlite otherwise. */
  readonly databaseUrl?: string;
  /** Seed the demo data (default true). */
  readonly seed?: boolean;
  readonly loginLimit?: LoginLimit;
  readonly overrides?: Omit<ServiceOverrides, "now">;
  /** More environment variables for loadConfig. */
  readonly env?: Record<string, string>;
}

/** A signed-in demo user's cookie and CSRF token. */
export interface TestSession {
  readonly login: DemoLogin;
  readonly cookie: string;
  readonly csrfToken: string;
}

/** What {@link startTestServer} answers. */
export interface TestServer {
  readonly app: ReturnType<typeof createApp>;
  readonly services: ReferenceServices;
  readonly dataDir: string;
  /**
   * Requests a path of the app. With `asUser` (a role of the Belgian firm, or a demo login) the
   * request carries that user's session cookie, and an unsafe method carries the CSRF token as
   * `x-csrf-token` unless the init sets one already.
   */
  request(path: string, init?: RequestInit, asUser?: Role | DemoLogin): Promise<Response>;
  /** Signs a demo user in (once; the session is reused) and answers its cookie and CSRF token. */
  session(asUser: Role | DemoLogin): Promise<TestSession>;
  /** Serves the app on 127.0.0.1 at a free port and answers its base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

const cookiesOf = (response: Response): string[] =>
  response.headers.getSetCookie().map((line) => line.split(";")[0] ?? "");

/**
 * Starts a reference server for a test file.
 *
 * @example
 * ```ts
 * const server = await startTestServer();
 * const agenda = await server.request("/agenda", {}, "clerk");
 * await server.close();
 * ```
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), "incasso-reference-"));
  const config = loadConfig({
    INCASSO_DATA_DIR: dataDir,
    HOST: "127.0.0.1",
    PORT: "0",
    INCASSO_WORKERS: "false",
    ...(options.databaseUrl === undefined ? {} : { DATABASE_URL: options.databaseUrl }),
    ...(options.smtp === undefined
      ? {}
      : {
          SMTP_HOST: options.smtp.host,
          SMTP_PORT: String(options.smtp.port),
          SMTP_FROM: options.smtp.from ?? "incasso@test.example",
          SMTP_REQUIRE_TLS: String(options.smtp.requireTLS ?? false),
          ...(options.smtp.caFile === undefined ? {} : { SMTP_CA_FILE: options.smtp.caFile }),
        }),
    ...options.env,
  });
  const overrides = {
    ...options.overrides,
    ...(options.now === undefined ? {} : { now: options.now }),
  };
  const seed = options.seed ?? true;
  let services: ReferenceServices;
  if (options.databaseUrl === undefined && seed) {
    // Creating a PGlite and migrating it takes most of a test file's start: the seeded database
    // of a day is made once, kept as a dump in the temporary folder (named by the day and the
    // sources that shape it), and each test file starts from a copy in memory.
    const today = (options.now?.() ?? Temporal.Now.instant())
      .toZonedDateTimeISO(config.timeZone)
      .toPlainDate();
    const template = join(
      tmpdir(),
      `incasso-reference-template-${await templateKey(today.toString())}.tgz`,
    );
    const saved = await readFile(template).catch(() => undefined);
    if (saved !== undefined) {
      services = await createServices(config, {
        ...overrides,
        pglite: { dataDir: "memory://", loadDataDir: new Blob([saved]) },
      });
    } else {
      services = await createServices(config, { ...overrides, pglite: { dataDir: "memory://" } });
      await seedDemo(services);
      const dump = await services.dumpDataDir();
      if (dump !== null) {
        const partial = `${template}.${process.pid}.tmp`;
        await writeFile(partial, new Uint8Array(await dump.arrayBuffer()));
        await rename(partial, template);
      }
    }
  } else {
    services = await createServices(config, overrides);
    if (seed) await seedDemo(services);
  }
  const app = createApp(services, {
    secureCookies: false,
    sessionHours: config.sessionHours,
    ...(options.loginLimit === undefined ? {} : { loginLimit: options.loginLimit }),
  });
  const sessions = new Map<string, TestSession>();
  const loginOf = (asUser: Role | DemoLogin) =>
    typeof asUser === "string" ? demoLogin(asUser) : asUser;

  async function session(asUser: Role | DemoLogin): Promise<TestSession> {
    const login = loginOf(asUser);
    const known = sessions.get(login.email);
    if (known !== undefined) return known;
    const form = await app.request("/login");
    const pre = cookiesOf(form).find((cookie) => cookie.startsWith("incasso_csrf="));
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
    if (pre === undefined || token === undefined)
      throw new Error("the login form has no CSRF token");
    const answer = await app.request("/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: pre },
      body: new URLSearchParams({ email: login.email, password: login.password, _csrf: token }),
    });
    const cookie = cookiesOf(answer).find((value) => value.startsWith("incasso_session="));
    if (answer.status !== 303 || cookie === undefined)
      throw new Error(`signing in ${login.email} answered ${answer.status}`);
    const me = (await (await app.request("/api/me", { headers: { cookie } })).json()) as {
      csrfToken: string;
    };
    const created = { login, cookie, csrfToken: me.csrfToken };
    sessions.set(login.email, created);
    return created;
  }

  let closeServer: (() => Promise<void>) | undefined;
  return {
    app,
    services,
    dataDir,
    session,
    async request(path, init = {}, asUser) {
      if (asUser === undefined) return app.request(path, init);
      const signedIn = await session(asUser);
      const headers = new Headers(init.headers);
      headers.set("cookie", [signedIn.cookie, headers.get("cookie")].filter(Boolean).join("; "));
      const method = (init.method ?? "GET").toUpperCase();
      if (!["GET", "HEAD", "OPTIONS"].includes(method) && !headers.has("x-csrf-token"))
        headers.set("x-csrf-token", signedIn.csrfToken);
      return app.request(path, { ...init, headers });
    },
    async listen() {
      if (closeServer !== undefined) throw new Error("already listening");
      const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
      await new Promise<void>((resolve) => server.once("listening", () => resolve()));
      closeServer = () => new Promise<void>((resolve) => server.close(() => resolve()));
      const { port } = server.address() as AddressInfo;
      return `http://127.0.0.1:${port}`;
    },
    async close() {
      await closeServer?.();
      await services.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
