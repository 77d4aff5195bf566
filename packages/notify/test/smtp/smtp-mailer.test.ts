import { generateKeyPairSync } from "node:crypto";
import { createServer } from "node:net";
import type { OutgoingEmail } from "@incasso/core";
import { DeliveryError, IncassoError } from "@incasso/core";
import { describeMailerConformance } from "@incasso/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SmtpMailerOptions } from "../../src/index.js";
import { createSmtpMailer } from "../../src/index.js";
import { verifyDkim } from "../support/dkim-verify.js";
import type { TestSmtpServer } from "../support/smtp-server.js";
import { startSmtpServer } from "../support/smtp-server.js";
import { tinyPdf } from "../support/tiny-pdf.js";

const AUTH = { user: "incasso", pass: "s3cret-wachtwoord" };
const { privateKey, publicKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer({ tls: true, auth: AUTH });
});
afterAll(async () => {
  await smtp?.stop();
});

/** The options of a mailer on the test server: STARTTLS with its certificate, AUTH. */
const onTestServer = (extra: Partial<SmtpMailerOptions> = {}): SmtpMailerOptions => ({
  host: smtp.host,
  port: smtp.port,
  tls: { ca: smtp.ca as string, servername: "localhost" },
  auth: AUTH,
  timeouts: { connectMs: 5_000, greetingMs: 5_000, socketMs: 5_000 },
  identities: {
    peeters: {
      from: { name: "Advocaten Peeters", address: "post@peeters-advocaten.example" },
      envelopeFrom: "bounces@peeters-advocaten.example",
      dkim: { domainName: "peeters-advocaten.example", keySelector: "mail2026", privateKey },
    },
  },
  ...extra,
});

let sequence = 0;
const email = (overrides: Partial<OutgoingEmail> = {}): OutgoingEmail => ({
  messageId: `<C${++sequence}.REM1@incasso.example>`,
  from: { name: "Dossierbeheer", address: "dossiers@incasso.example" },
  to: [{ name: "Élise Dubois", address: "elise.dubois@example.be" }],
  subject: "Mise en demeure – dossier 2026/00042",
  text: "Madame,\n\nNous vous prions de payer 1.234,56 €.\n",
  html: "<p>Madame,</p><p>Nous vous prions de payer <b>1.234,56 €</b>.</p>",
  attachments: [],
  ...overrides,
});

async function failureOf(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describeMailerConformance({
  name: "smtp (smtp-server over STARTTLS with AUTH)",
  create: () => createSmtpMailer(onTestServer()),
  delivered: async () =>
    (await smtp.messages()).map((mail) => ({
      messageId: mail.messageId === undefined ? "" : `<${mail.messageId.replace(/^<|>$/g, "")}>`,
      from: mail.from?.value[0]?.address ?? "",
      to: (Array.isArray(mail.to) ? mail.to : mail.to === undefined ? [] : [mail.to]).flatMap(
        (group) => group.value.map((box) => box.address ?? ""),
      ),
      subject: mail.subject ?? "",
      text: mail.text ?? "",
      html: mail.html === false ? undefined : mail.html,
      attachments: mail.attachments.map((attachment) => ({
        filename: attachment.filename ?? "",
        contentType: attachment.contentType,
        content: new Uint8Array(attachment.content),
      })),
    })),
  identity: { name: "peeters", fromAddress: "post@peeters-advocaten.example" },
  failures: { permanent: "reject@example.be", transient: "tempfail@example.be" },
});

describe("createSmtpMailer on a real SMTP server", () => {
  it("sends under STARTTLS as the AUTH user, the Message-ID exactly as given, a multipart text+HTML with the PDF", async () => {
    const mailer = createSmtpMailer(onTestServer());
    const pdf = tinyPdf("Mise en demeure 2026/00042");
    const sent = email({
      attachments: [
        { filename: "mise-en-demeure.pdf", contentType: "application/pdf", content: pdf },
      ],
      replyTo: { address: "gestion@incasso.example" },
      headers: { "X-Incasso-Case": "2026/00042" },
    });
    await mailer.send(sent);
    await mailer.close();
    const received = smtp.received().at(-1);
    expect(received?.secure).toBe(true);
    expect(received?.user).toBe("incasso");
    const raw = received?.raw.toString("utf8") ?? "";
    expect(raw).toMatch(/^Message-ID: <C\d+\.REM1@incasso\.example>\r?$/m);
    expect(raw).toMatch(/Content-Type: multipart\/mixed/);
    expect(raw).toMatch(/Content-Type: multipart\/alternative/);
    const mail = (await smtp.messages()).at(-1);
    expect(mail?.messageId).toBe(sent.messageId);
    expect(mail?.subject).toBe("Mise en demeure – dossier 2026/00042");
    expect(mail?.from?.value[0]).toEqual({
      name: "Dossierbeheer",
      address: "dossiers@incasso.example",
    });
    expect(mail?.replyTo?.value[0]?.address).toBe("gestion@incasso.example");
    expect(mail?.headers.get("x-incasso-case")).toBe("2026/00042");
    expect(mail?.text).toContain("1.234,56 €");
    expect(mail?.html).toContain("<b>1.234,56 €</b>");
    expect(Buffer.compare(mail?.attachments[0]?.content as Buffer, Buffer.from(pdf))).toBe(0);
  });

  it("signs with the identity's DKIM key (the signature verifies) and uses its From and envelope sender", async () => {
    const mailer = createSmtpMailer(onTestServer());
    await mailer.send(
      email({
        identity: "peeters",
        attachments: [{ filename: "a.pdf", contentType: "application/pdf", content: tinyPdf("A") }],
      }),
    );
    await mailer.close();
    const received = smtp.received().at(-1);
    if (received === undefined) throw new Error("nothing arrived");
    expect(received.envelope.mailFrom).toBe("bounces@peeters-advocaten.example");
    const check = verifyDkim(received.raw, publicKey);
    expect(check).toEqual({
      valid: true,
      bodyHashMatches: true,
      domain: "peeters-advocaten.example",
      selector: "mail2026",
    });
    // A change to the message after signing breaks the signature.
    const tampered = Buffer.from(
      received.raw.toString("binary").replace("1.234,56", "1.234,57"),
      "binary",
    );
    expect(verifyDkim(tampered, publicKey).valid).toBe(false);
    const mail = (await smtp.messages()).at(-1);
    expect(mail?.from?.value[0]).toEqual({
      name: "Advocaten Peeters",
      address: "post@peeters-advocaten.example",
    });
  });

  it("pools connections: 6 messages at once over at most 2 connections; maxMessages opens a new one", async () => {
    smtp.clear();
    const pooled = createSmtpMailer(
      onTestServer({ pool: { maxConnections: 2, maxMessages: 100 } }),
    );
    await Promise.all(Array.from({ length: 6 }, () => pooled.send(email())));
    await pooled.close();
    expect(smtp.received()).toHaveLength(6);
    expect(smtp.connections()).toBeLessThanOrEqual(2);

    smtp.clear();
    const short = createSmtpMailer(onTestServer({ pool: { maxConnections: 1, maxMessages: 2 } }));
    for (let i = 0; i < 5; i++) await short.send(email());
    await short.close();
    expect(smtp.received()).toHaveLength(5);
    expect(smtp.connections()).toBe(3);
  });

  it("maps the server's answers: 451 and 452 transient, 550 and 554 permanent, the code kept", async () => {
    const mailer = createSmtpMailer(onTestServer());
    const at = (address: string) => failureOf(mailer.send(email({ to: [{ address }] })));
    expect(await at("tempfail@example.be")).toMatchObject({
      permanent: false,
      providerCode: "451",
    });
    expect(await at("reject@example.be")).toMatchObject({ permanent: true, providerCode: "550" });
    expect(await at("datatempfail@example.be")).toMatchObject({
      permanent: false,
      providerCode: "452",
    });
    expect(await at("datareject@example.be")).toMatchObject({
      permanent: true,
      providerCode: "554",
    });
    const dropped = await at("drop@example.be");
    expect(dropped.permanent).toBe(false);
    expect(dropped.code).toBe("DELIVERY_FAILED");
    await mailer.close();
  });

  it("a connection dropped mid-DATA is transient, and the next message goes on a new connection", async () => {
    const mailer = createSmtpMailer(
      onTestServer({ pool: { maxConnections: 1, maxMessages: 100 } }),
    );
    await smtp.setBehaviour({ drop: true, times: 1 });
    const dropped = await failureOf(mailer.send(email()));
    expect(dropped).toMatchObject({ permanent: false });
    expect(dropped.providerCode).toMatch(/^E[A-Z]+$/);
    const after = email();
    await expect(mailer.send(after)).resolves.toMatchObject({ messageId: after.messageId });
    await mailer.close();
  });

  it("a server that never answers the end of DATA times out, transient", async () => {
    const mailer = createSmtpMailer(
      onTestServer({ timeouts: { connectMs: 5_000, greetingMs: 5_000, socketMs: 800 } }),
    );
    const error = await failureOf(mailer.send(email({ to: [{ address: "stall@example.be" }] })));
    expect(error).toMatchObject({ permanent: false, providerCode: "ETIMEDOUT" });
    await mailer.close();
  });

  it("a refused connection is transient with ECONNREFUSED", async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const mailer = createSmtpMailer(onTestServer({ port: closedPort }));
    expect(await failureOf(mailer.send(email()))).toMatchObject({
      permanent: false,
      providerCode: "ECONNREFUSED",
    });
    await mailer.close();
  });

  it("a refused login is transient (the configuration, not the message, is wrong), with 535", async () => {
    const mailer = createSmtpMailer(onTestServer({ auth: { user: "incasso", pass: "wrong" } }));
    expect(await failureOf(mailer.send(email()))).toMatchObject({
      permanent: false,
      providerCode: "535",
    });
    await mailer.close();
  });

  it("sends a message refused for some recipients to the others and lists the refused ones", async () => {
    const mailer = createSmtpMailer(onTestServer());
    const sent = email({
      to: [{ address: "elise.dubois@example.be" }, { address: "reject@example.be" }],
    });
    const receipt = await mailer.send(sent);
    await mailer.close();
    expect(receipt).toMatchObject({
      messageId: sent.messageId,
      accepted: ["elise.dubois@example.be"],
      rejected: ["reject@example.be"],
    });
    expect(smtp.received().at(-1)?.envelope.rcptTo).toEqual(["elise.dubois@example.be"]);
  });

  it("refuses to send in clear to a server without STARTTLS (requireTLS by default), transient", async () => {
    const plain = await startSmtpServer();
    try {
      const mailer = createSmtpMailer({ host: plain.host, port: plain.port });
      const error = await failureOf(mailer.send(email()));
      expect(error.permanent).toBe(false);
      expect(plain.received()).toHaveLength(0);
      await mailer.close();
      const allowed = createSmtpMailer({ host: plain.host, port: plain.port, requireTLS: false });
      await allowed.send(email());
      await allowed.close();
      expect(plain.received()).toHaveLength(1);
    } finally {
      await plain.stop();
    }
  });

  it("sends over implicit TLS (secure, as on port 465) with the server's certificate checked", async () => {
    const implicit = await startSmtpServer({ tls: true, implicitTls: true, auth: AUTH });
    try {
      const mailer = createSmtpMailer({
        host: implicit.host,
        port: implicit.port,
        secure: true,
        tls: { ca: implicit.ca as string, servername: "localhost" },
        auth: AUTH,
      });
      await mailer.send(email());
      await mailer.close();
      expect(implicit.received()[0]?.secure).toBe(true);
      // Another server's certificate is not trusted: nothing is sent, and the failure is transient.
      const untrusted = createSmtpMailer({
        host: implicit.host,
        port: implicit.port,
        secure: true,
        tls: { ca: smtp.ca as string, servername: "localhost" },
        auth: AUTH,
      });
      expect((await failureOf(untrusted.send(email()))).permanent).toBe(false);
      await untrusted.close();
      expect(implicit.received()).toHaveLength(1);
    } finally {
      await implicit.stop();
    }
  });

  it("close waits for the sends under way", async () => {
    const mailer = createSmtpMailer(onTestServer());
    const sending = mailer.send(email());
    await mailer.close();
    await expect(sending).resolves.toMatchObject({ accepted: ["elise.dubois@example.be"] });
  });

  it("validates its options with zod, naming the field", () => {
    const paths = (options: unknown) => {
      try {
        createSmtpMailer(options as SmtpMailerOptions);
      } catch (error) {
        expect(error).toBeInstanceOf(IncassoError);
        return (error as IncassoError).issues.map((issue) => issue.path);
      }
      throw new Error("expected the options to be refused");
    };
    expect(paths({ host: "" })).toEqual(["options.host"]);
    expect(paths({ host: "smtp.example", port: 70000 })).toEqual(["options.port"]);
    expect(paths({ host: "smtp.example", pool: { maxConnections: 0 } })).toEqual([
      "options.pool.maxConnections",
    ]);
    expect(
      paths({
        host: "smtp.example",
        identities: {
          peeters: {
            from: { address: "post@peeters.example" },
            dkim: { domainName: "peeters.example", keySelector: "s1", privateKey: "not a key" },
          },
        },
      }),
    ).toEqual(["options.identities.peeters.dkim.privateKey"]);
    expect(paths({ host: "smtp.example", auth: { user: "u" } })).toEqual(["options.auth.pass"]);
  });

  it("refuses headers it sets itself and lines with CR or LF, before sending", async () => {
    const mailer = createSmtpMailer(onTestServer());
    const count = smtp.received().length;
    for (const headers of [
      { "Message-ID": "<other@x.example>" },
      { "X-Note": "a\r\nBcc: someone@example.be" },
    ]) {
      const error = await mailer.send(email({ headers })).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(IncassoError);
      expect((error as IncassoError).code).toBe("INVALID_INPUT");
      expect((error as IncassoError).issues[0]?.path).toMatch(/^email\.headers/);
    }
    await mailer.close();
    expect(smtp.received()).toHaveLength(count);
  });
});
