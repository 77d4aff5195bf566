// The reference server's entry point: `node dist/main.js` (what `pnpm start` runs) serves the app
// with the background work; `node dist/main.js worker` runs only the job queue's workers (on
// PostgreSQL, for more machines); `node dist/main.js migrate` applies the migrations and stops.
import { serve } from "@hono/node-server";
import { createApp } from "./app.js";
import type { ServerConfig } from "./config.js";
import { ConfigError, loadConfig } from "./config.js";
import { DEMO_LOGINS, DEMO_TENANTS } from "./demo/logins.js";
import { seedDemo } from "./demo/seed.js";
import { writeDemoStatement } from "./demo/statement.js";
import type { BackgroundWork } from "./jobs/in-process.js";
import { startInProcessWork } from "./jobs/in-process.js";
import { startQueueWorker } from "./jobs/queue.js";
import type { ReferenceServices } from "./services.js";
import { createServices } from "./services.js";
import { writeDemoImport } from "./work/demo-import.js";

const log = (line: string) => console.log(`[${new Date().toISOString()}] ${line}`);

async function hasUsers(services: ReferenceServices): Promise<boolean> {
  return (await services.sql.query("SELECT 1 FROM user_directory LIMIT 1")).rows.length > 0;
}

async function background(services: ReferenceServices): Promise<BackgroundWork> {
  if (!services.config.workers) return { stop: async () => {} };
  if (services.pool === null) return startInProcessWork(services, { log });
  const runner = await startQueueWorker(services, services.pool);
  return { stop: () => runner.stop() };
}

function banner(
  config: ServerConfig,
  url: string,
  demo: boolean,
  statement: string | null,
  importFile: string | null,
): string {
  const lines = [
    "",
    `  Incasso reference server: ${url}`,
    `  data: ${config.databaseUrl === null ? `${config.dataDir} (PGlite)` : "PostgreSQL (DATABASE_URL)"}`,
    `  e-mail: ${config.smtp === null ? `kept as .eml files in ${config.dataDir}/mail (open them at ${url}/mail)` : `SMTP ${config.smtp.host}:${config.smtp.port}`}`,
  ];
  if (demo) {
    lines.push("", "  Demo sign-ins (e-mail / password / role / firm / client):");
    for (const login of DEMO_LOGINS)
      lines.push(
        `    ${login.email.padEnd(34)} ${login.password.padEnd(24)} ${login.role.padEnd(7)} ${login.tenant}${login.client === null ? "" : ` / ${login.client}`}`,
      );
    if (statement !== null)
      lines.push("", `  A bank statement to upload on the bank page: ${statement}`);
    if (importFile !== null)
      lines.push(
        `  A client's file to import on the import page (profile acme-bouw-cases): ${importFile}`,
      );
  }
  lines.push("");
  return lines.join("\n");
}

async function main(command: string | undefined): Promise<void> {
  let config: ServerConfig;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
  const services = await createServices(config);
  if (command === "migrate") {
    log("migrated the store and the server's tables");
    await services.close();
    return;
  }
  let demo = false;
  let statement: string | null = null;
  let importFile: string | null = null;
  if (config.demo && (command === undefined || command === "serve")) {
    if (!(await hasUsers(services))) {
      log("empty database: seeding the demo firms, users and cases");
      const report = await seedDemo(services);
      log(`seeded ${report.users} users and ${report.cases} cases`);
    }
    demo = true;
    statement = await writeDemoStatement(services);
    importFile = await writeDemoImport(services, DEMO_TENANTS.belgium);
  }
  await services.refreshFirms();

  if (command === "worker") {
    if (services.pool === null) {
      console.error(
        "the worker command needs DATABASE_URL (on PGlite the server runs its own background work)",
      );
      await services.close();
      process.exitCode = 2;
      return;
    }
    const runner = await startQueueWorker(services, services.pool, { concurrency: 4 });
    log("worker started");
    const stop = async () => {
      await runner.stop();
      await services.close();
    };
    process.once("SIGINT", () => void stop());
    process.once("SIGTERM", () => void stop());
    await runner.promise;
    return;
  }

  const app = createApp(services, {
    secureCookies: config.secureCookies,
    sessionHours: config.sessionHours,
  });
  const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port });
  await new Promise<void>((resolve, reject) => {
    server.once("listening", () => resolve());
    server.once("error", reject);
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : config.port;
  const url = config.publicUrl.replace(/:\d+$/, `:${port}`);
  const work = await background(services);
  console.log(banner(config, url, demo, statement, importFile));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    if ("closeIdleConnections" in server) server.closeIdleConnections();
    await closed;
    await work.stop();
    await services.close();
    log("stopped");
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

main(process.argv[2]).catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
