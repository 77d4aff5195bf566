import { createTransport } from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestSmtpServer } from "../support/smtp-server.js";
import { startSmtpServer } from "../support/smtp-server.js";
import { tinyPdf } from "../support/tiny-pdf.js";

describe("the test SMTP server (a real smtp-server process)", () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer({ tls: true, auth: { user: "incasso", pass: "s3cret" } });
  });
  afterAll(async () => {
    await smtp?.stop();
  });
  const transport = () =>
    createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: false,
      requireTLS: true,
      tls: { ca: smtp.ca as string, servername: "localhost" },
      auth: { user: "incasso", pass: "s3cret" },
    });

  it("accepts a message over STARTTLS with AUTH and gives it back raw and parsed", async () => {
    smtp.clear();
    const pdf = tinyPdf("Herinnering");
    const t = transport();
    await t.sendMail({
      from: "dossiers@advocaten.example",
      to: "debtor@example.be",
      subject: "Ingebrekestelling – dossier 42",
      text: "Geachte heer,",
      attachments: [{ filename: "letter.pdf", content: Buffer.from(pdf) }],
    });
    t.close();
    const [received] = smtp.received();
    expect(received?.secure).toBe(true);
    expect(received?.user).toBe("incasso");
    expect(received?.envelope.rcptTo).toEqual(["debtor@example.be"]);
    const [mail] = await smtp.messages();
    expect(mail?.subject).toBe("Ingebrekestelling – dossier 42");
    expect(Buffer.compare(mail?.attachments[0]?.content as Buffer, Buffer.from(pdf))).toBe(0);
  });

  it("refuses wrong credentials with 535", async () => {
    const t = createTransport({
      host: smtp.host,
      port: smtp.port,
      requireTLS: true,
      tls: { ca: smtp.ca as string, servername: "localhost" },
      auth: { user: "incasso", pass: "wrong" },
    });
    await expect(
      t.sendMail({ from: "a@b.example", to: "c@d.example", text: "x" }),
    ).rejects.toMatchObject({ responseCode: 535 });
    t.close();
  });

  it("answers by recipient: tempfail 451, reject 550, datareject 554, drop closes mid-DATA", async () => {
    const t = transport();
    const send = (to: string) =>
      t.sendMail({ from: "a@b.example", to, text: "x" }).then(
        () => null,
        (e: { responseCode?: number; code?: string }) => e.responseCode ?? e.code,
      );
    expect(await send("tempfail@example.be")).toBe(451);
    expect(await send("reject@example.be")).toBe(550);
    expect(await send("datatempfail@example.be")).toBe(452);
    expect(await send("datareject@example.be")).toBe(554);
    expect(await send("drop@example.be")).toMatch(/ECONNECTION|ESOCKET|ETIMEDOUT/);
    t.close();
  });

  it("applies a behaviour for a number of messages, then accepts again", async () => {
    smtp.clear();
    await smtp.setBehaviour({ data: { code: 421, message: "4.4.2 Closing" }, times: 1 });
    const t = transport();
    await expect(
      t.sendMail({ from: "a@b.example", to: "x@example.be", text: "1" }),
    ).rejects.toMatchObject({ responseCode: 421 });
    await t.sendMail({ from: "a@b.example", to: "x@example.be", text: "2" });
    t.close();
    expect(smtp.received()).toHaveLength(1);
  });
});
