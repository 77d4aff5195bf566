/**
 * A real SMTP server (smtp-server 3.21.6) in its own process, for the tests of the SMTP mailer and
 * of the dispatcher. Started by `startSmtpServer` (./smtp-server.ts) with `fork`, or by hand:
 *
 *     INCASSO_SMTP_CONFIG='{"dir":"/tmp/mail"}' node test/support/smtp-server-process.mjs
 *
 * Configuration, a JSON object in the environment variable INCASSO_SMTP_CONFIG:
 * - `tls`: `{ key, cert }` in PEM: STARTTLS is offered with this certificate (else not at all);
 * - `implicitTls`: with `tls`, the connection is TLS from its first byte (port 465 style) instead;
 * - `auth`: `{ user, pass }`: AUTH PLAIN/LOGIN is required with these credentials (after
 *   STARTTLS when `tls` is given);
 * - `dir`: a directory where each message is written raw as `<n>.eml`, with `<n>.json` (envelope).
 *
 * It listens on 127.0.0.1 on a free port and prints one line `{"port":N}` on stdout. With an IPC
 * channel (fork), it also sends `{ type: "listening", port }`, `{ type: "connection" }` per
 * connection and `{ type: "message", seq, raw (base64), envelope, user, secure }` per accepted
 * message; it answers 250 only after the parent acknowledged the message (`{ type: "ack", seq }`),
 * so a message a client saw accepted is always in the parent's list.
 *
 * Failures on demand, by the recipient's local part (before the `@`):
 * - `tempfail` -> RCPT TO answered `451 4.7.1` (greylisting);
 * - `reject` -> RCPT TO answered `550 5.1.1` (no such user);
 * - `datatempfail` -> end of DATA answered `452 4.3.1` (insufficient storage);
 * - `datareject` -> end of DATA answered `554 5.7.1` (refused as spam);
 * - `drop` -> the connection is dropped in the middle of DATA;
 * - `stall` -> the end of DATA is never answered (the client's timeout fires).
 * The parent can also set a behaviour for every message (`{ type: "behaviour", behaviour, id }`,
 * acknowledged with `{ type: "behaviour-set", id }`): `{ rcpt?: {code, message}, data?: {code,
 * message}, drop?: boolean, stall?: boolean, times?: number }`; `times` is how many messages it
 * applies to before the server behaves normally again (unlimited when absent).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";

const config = JSON.parse(process.env.INCASSO_SMTP_CONFIG ?? "{}");

/** Replies by recipient local part. */
const RCPT_REPLIES = {
  tempfail: { code: 451, message: "4.7.1 Greylisted, try again later" },
  reject: { code: 550, message: "5.1.1 No such user here" },
};
const DATA_REPLIES = {
  datatempfail: { code: 452, message: "4.3.1 Insufficient system storage" },
  datareject: { code: 554, message: "5.7.1 Message refused as spam" },
};

let behaviour = {};
let seq = 0;
const pendingAcks = new Map();
if (config.dir) mkdirSync(config.dir, { recursive: true });

function localPart(address) {
  return String(address).split("@")[0]?.toLowerCase() ?? "";
}

function smtpError(reply) {
  const error = new Error(reply.message);
  error.responseCode = reply.code;
  return error;
}

/** Uses one firing of the parent's behaviour; answers whether it was active. */
function consume(key) {
  if (!behaviour[key]) return undefined;
  const value = behaviour[key];
  if (typeof behaviour.times === "number") {
    behaviour.times -= 1;
    if (behaviour.times <= 0) behaviour = {};
  }
  return value;
}

const server = new SMTPServer({
  logger: false,
  size: 20 * 1024 * 1024,
  ...(config.tls ? { key: config.tls.key, cert: config.tls.cert } : { hideSTARTTLS: true }),
  ...(config.tls && config.implicitTls ? { secure: true } : {}),
  disabledCommands: [...(config.tls ? [] : ["STARTTLS"]), ...(config.auth ? [] : ["AUTH"])],
  authMethods: ["PLAIN", "LOGIN"],
  authOptional: !config.auth,
  allowInsecureAuth: !config.tls,
  onConnect(_session, callback) {
    process.send?.({ type: "connection" });
    callback();
  },
  onAuth(auth, _session, callback) {
    if (auth.username === config.auth?.user && auth.password === config.auth?.pass)
      return callback(null, { user: auth.username });
    return callback(smtpError({ code: 535, message: "5.7.8 Authentication credentials invalid" }));
  },
  onRcptTo(address, _session, callback) {
    const reply = RCPT_REPLIES[localPart(address.address)] ?? consume("rcpt");
    if (reply) return callback(smtpError(reply));
    callback();
  },
  onData(stream, session, callback) {
    const recipients = session.envelope.rcptTo.map((r) => localPart(r.address));
    const drop = recipients.includes("drop") || consume("drop");
    const stall = recipients.includes("stall") || (!drop && consume("stall"));
    const chunks = [];
    let size = 0;
    stream.on("data", (chunk) => {
      chunks.push(chunk);
      size += chunk.length;
      if (drop && size > 0) {
        const connection = [...server.connections].find((c) => c.id === session.id);
        connection?._socket?.destroy();
      }
    });
    stream.on("end", () => {
      if (drop) return;
      if (stall) return; // never answered: the client times out
      const named = recipients.map((r) => DATA_REPLIES[r]).find(Boolean);
      const reply = named ?? consume("data");
      if (reply) return callback(smtpError(reply));
      const raw = Buffer.concat(chunks);
      const envelope = {
        mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
        rcptTo: session.envelope.rcptTo.map((r) => r.address),
      };
      seq += 1;
      const n = seq;
      if (config.dir) {
        writeFileSync(join(config.dir, `${n}.eml`), raw);
        writeFileSync(join(config.dir, `${n}.json`), JSON.stringify(envelope));
      }
      const accepted = () => callback(null, `2.0.0 Ok: queued as M${n}`);
      if (!process.send) return accepted();
      pendingAcks.set(n, accepted);
      process.send({
        type: "message",
        seq: n,
        raw: raw.toString("base64"),
        envelope,
        user: session.user ?? null,
        secure: Boolean(session.secure),
      });
    });
  },
});

server.on("error", () => {
  // A client that drops its connection is expected in these tests.
});

process.on("message", (message) => {
  if (message?.type === "ack") {
    pendingAcks.get(message.seq)?.();
    pendingAcks.delete(message.seq);
  } else if (message?.type === "behaviour") {
    behaviour = { ...(message.behaviour ?? {}) };
    process.send?.({ type: "behaviour-set", id: message.id });
  } else if (message?.type === "stop") {
    for (const connection of server.connections) connection._socket?.destroy();
    server.close(() => process.exit(0));
  }
});
process.on("disconnect", () => process.exit(0));

server.listen(0, "127.0.0.1", () => {
  const { port } = server.server.address();
  process.stdout.write(`${JSON.stringify({ port })}\n`);
  process.send?.({ type: "listening", port });
});
