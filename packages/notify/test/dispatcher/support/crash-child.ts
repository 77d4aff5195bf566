// A dispatcher in a process of its own that is killed (SIGKILL) right after the SMTP server took
// its first e-mail, before the message.sent record and the mark: what a crash between the send and
// the mark leaves behind. Run by shared-outbox.test.ts after bundling (see child-bundle.ts).
// Environment: INCASSO_DB_URL, INCASSO_SMTP_PORT, INCASSO_SMTP_CA, INCASSO_NOW, INCASSO_LEASE_SECONDS.
import type { Mailer } from "@incasso/core";
import { Temporal } from "@incasso/core";
import { createPostgresStore } from "@incasso/storage-postgres";
import pg from "pg";
import { createDispatcher, createSmtpMailer } from "../../../src/index.js";

const env = (name: string) => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

const pool = new pg.Pool({ connectionString: env("INCASSO_DB_URL"), max: 2 });
const smtp = createSmtpMailer({
  host: "127.0.0.1",
  port: Number(env("INCASSO_SMTP_PORT")),
  tls: { ca: env("INCASSO_SMTP_CA") },
});
const killing: Mailer = {
  async send(email) {
    const receipt = await smtp.send(email);
    // The server has the message; the process dies before anything else happens.
    process.kill(process.pid, "SIGKILL");
    return receipt;
  },
  close: () => smtp.close(),
};
const dispatcher = createDispatcher({
  store: createPostgresStore({ client: pool }),
  scope: { tenantId: "firm-1" },
  mailer: killing,
  from: { address: "dossiers@peeters.example" },
  clock: () => Temporal.Instant.from(env("INCASSO_NOW")),
  workerId: "doomed",
  leaseSeconds: Number(env("INCASSO_LEASE_SECONDS")),
});
await dispatcher.runOnce();
// Not reached when a message was sent.
await pool.end();
process.exit(3);
