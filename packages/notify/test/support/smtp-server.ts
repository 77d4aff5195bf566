/**
 * Test support: a real SMTP server in a child process (`smtp-server-process.mjs`), on 127.0.0.1
 * and a free port, with STARTTLS on a certificate made for the run and AUTH when asked for. Every
 * message it accepted can be read back raw or parsed with mailparser. Failures on demand: by the
 * recipient's local part (`tempfail@`, `reject@`, `datatempfail@`, `datareject@`, `drop@`,
 * `stall@`, see the process script) or for every message with `setBehaviour`.
 *
 * Nothing here is exported to `src/`; tests of the package (the mailer's and the dispatcher's)
 * import it by relative path.
 *
 * @example
 * ```ts
 * const smtp = await startSmtpServer({ tls: true, auth: { user: "incasso", pass: "secret" } });
 * // createSmtpMailer({ host: "127.0.0.1", port: smtp.port, tls: { ca: smtp.ca }, auth: smtp.auth, ... })
 * const [mail] = await smtp.messages();
 * await smtp.stop();
 * ```
 */
import type { ChildProcess } from "node:child_process";
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ParsedMail } from "mailparser";
import { simpleParser } from "mailparser";
import { generate } from "selfsigned";

/** An SMTP reply the server gives instead of accepting: a code and its text. */
export interface SmtpReply {
  readonly code: number;
  readonly message: string;
}

/**
 * What the server does with the next messages, instead of accepting them: answer RCPT TO or the
 * end of DATA with a reply, drop the connection in the middle of DATA, or never answer the end of
 * DATA. `times` is how many firings it lasts (each refused recipient, answered DATA or dropped
 * connection counts one); without it, until the next `setBehaviour`.
 */
export interface SmtpBehaviour {
  readonly rcpt?: SmtpReply;
  readonly data?: SmtpReply;
  readonly drop?: boolean;
  readonly stall?: boolean;
  readonly times?: number;
}

/** A message as it arrived: the raw bytes, the SMTP envelope, the AUTH user, and whether the session ran under TLS. */
export interface ReceivedMessage {
  readonly raw: Buffer;
  readonly envelope: { readonly mailFrom: string | null; readonly rcptTo: readonly string[] };
  readonly user: string | null;
  readonly secure: boolean;
}

/** A running test SMTP server. */
export interface TestSmtpServer {
  readonly host: "127.0.0.1";
  readonly port: number;
  /** The server certificate (PEM), for the client's `ca`, when started with `tls`. */
  readonly ca: string | undefined;
  /** The credentials the server requires, when started with `auth`. */
  readonly auth: { readonly user: string; readonly pass: string } | undefined;
  /** The messages accepted so far, in order, as they arrived. */
  received(): readonly ReceivedMessage[];
  /** The messages accepted so far, parsed by mailparser's `simpleParser`. */
  messages(): Promise<ParsedMail[]>;
  /** How many SMTP connections were opened so far (to check pooling). */
  connections(): number;
  /** Forgets the messages and the connection count. */
  clear(): void;
  /** Sets the behaviour for the next messages (`{}` to accept everything again). */
  setBehaviour(behaviour: SmtpBehaviour): Promise<void>;
  /** Ends the server process (and every connection still open). */
  stop(): Promise<void>;
}

/** How to start the test server. */
export interface StartSmtpServerOptions {
  /** Offer STARTTLS with a self-signed certificate for `localhost` and 127.0.0.1, made now. */
  readonly tls?: boolean;
  /** Require AUTH PLAIN or LOGIN with these credentials (after STARTTLS when `tls`). */
  readonly auth?: { readonly user: string; readonly pass: string };
  /** With `tls`: TLS from the first byte (as on port 465) instead of STARTTLS. */
  readonly implicitTls?: boolean;
  /** Also write each message as `<n>.eml` and `<n>.json` (envelope) in this directory. */
  readonly dir?: string;
}

const SCRIPT = fileURLToPath(new URL("./smtp-server-process.mjs", import.meta.url));

/** A self-signed certificate for `localhost` and 127.0.0.1, for a TLS test server. */
export async function makeTestCertificate(): Promise<{ key: string; cert: string }> {
  const pems = await generate([{ name: "commonName", value: "localhost" }], {
    keySize: 2048,
    algorithm: "sha256",
    extensions: [
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

type ChildMessage =
  | { type: "listening"; port: number }
  | { type: "connection" }
  | {
      type: "message";
      seq: number;
      raw: string;
      envelope: ReceivedMessage["envelope"];
      user: string | null;
      secure: boolean;
    }
  | { type: "behaviour-set"; id: number };

/**
 * Starts a real SMTP server in a child process on 127.0.0.1 and a free port.
 *
 * @example
 * ```ts
 * const smtp = await startSmtpServer({ tls: true, auth: { user: "u", pass: "p" } });
 * await smtp.setBehaviour({ rcpt: { code: 451, message: "4.7.1 Try later" }, times: 1 });
 * await smtp.stop();
 * ```
 */
export async function startSmtpServer(
  options: StartSmtpServerOptions = {},
): Promise<TestSmtpServer> {
  const tls = options.tls ? await makeTestCertificate() : undefined;
  const config = { tls, implicitTls: options.implicitTls, auth: options.auth, dir: options.dir };
  const child: ChildProcess = fork(SCRIPT, [], {
    env: { ...process.env, INCASSO_SMTP_CONFIG: JSON.stringify(config) },
    execArgv: [],
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const received: ReceivedMessage[] = [];
  let connections = 0;
  let nextId = 1;
  const waiting = new Map<number, () => void>();
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once("exit", () => {
      exited = true;
      resolve();
    }),
  );

  const port = await new Promise<number>((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`the SMTP server process ended before listening (exit ${code})`));
    child.once("exit", onExit);
    child.on("message", (message: ChildMessage) => {
      switch (message.type) {
        case "listening":
          child.off("exit", onExit);
          resolve(message.port);
          break;
        case "connection":
          connections += 1;
          break;
        case "message":
          received.push({
            raw: Buffer.from(message.raw, "base64"),
            envelope: message.envelope,
            user: message.user,
            secure: message.secure,
          });
          child.send({ type: "ack", seq: message.seq });
          break;
        case "behaviour-set":
          waiting.get(message.id)?.();
          waiting.delete(message.id);
          break;
      }
    });
  });

  return {
    host: "127.0.0.1",
    port,
    ca: tls?.cert,
    auth: options.auth,
    received: () => [...received],
    messages: () => Promise.all(received.map((message) => simpleParser(message.raw))),
    connections: () => connections,
    clear: () => {
      received.length = 0;
      connections = 0;
    },
    setBehaviour: (behaviour) =>
      new Promise<void>((resolve) => {
        const id = nextId++;
        waiting.set(id, resolve);
        child.send({ type: "behaviour", behaviour, id });
      }),
    stop: async () => {
      if (exited) return;
      const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      child.send({ type: "stop" });
      await exit;
      clearTimeout(killer);
    },
  };
}
