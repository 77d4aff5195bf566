import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseBankFile } from "@incasso/import-bank";
import type { DeliveredEmail } from "@incasso/testkit";
import { describeMailerConformance } from "@incasso/testkit";
import { simpleParser } from "mailparser";
import { Temporal } from "temporal-polyfill";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";
import { demoCases } from "../src/demo/cases.js";
import { belgianIban, DEMO_ACCOUNT_IBAN, demoStatementXml } from "../src/demo/statement.js";
import { createCatchAllMailer } from "../src/mail/catch-all-mailer.js";
import { readEml } from "../src/mail/read-eml.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "incasso-mail-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function kept(): Promise<{ file: string; bytes: Buffer }[]> {
  const found: { file: string; bytes: Buffer }[] = [];
  for (const folder of await readdir(dir).catch(() => [] as string[]))
    for (const file of await readdir(join(dir, folder)))
      if (file.endsWith(".eml"))
        found.push({ file: join(folder, file), bytes: await readFile(join(dir, folder, file)) });
  return found;
}

describeMailerConformance({
  name: "catch-all (.eml files, read back with mailparser)",
  create: () =>
    createCatchAllMailer({
      dir,
      identity: (name) =>
        name === "be-peeters"
          ? { name: "Advocatenkantoor Peeters", address: "dossiers@peeters.example" }
          : undefined,
      clock: () => Temporal.Now.instant(),
    }),
  identity: { name: "be-peeters", fromAddress: "dossiers@peeters.example" },
  skip: {
    "mailer.permanent-failure": "a folder on disk refuses no recipient",
    "mailer.transient-failure": "a folder on disk refuses no recipient",
  },
  delivered: async (): Promise<DeliveredEmail[]> =>
    Promise.all(
      (await kept()).map(async ({ bytes }) => {
        const mail = await simpleParser(bytes);
        const addresses = (value: typeof mail.to) =>
          (Array.isArray(value) ? value : value === undefined ? [] : [value]).flatMap((group) =>
            group.value.map((box) => box.address ?? ""),
          );
        return {
          messageId: mail.messageId ?? "",
          from: mail.from?.value[0]?.address ?? "",
          to: addresses(mail.to),
          subject: mail.subject ?? "",
          text: mail.text ?? "",
          html: typeof mail.html === "string" ? mail.html : undefined,
          attachments: mail.attachments.map((attachment) => ({
            filename: attachment.filename ?? "",
            contentType: attachment.contentType,
            content: new Uint8Array(attachment.content),
          })),
        };
      }),
    ),
});

describe("the kept e-mails", () => {
  it("each is a parseable RFC 5322 message in its firm's folder, which the /mail page reads back whole", async () => {
    const mailer = createCatchAllMailer({
      dir,
      identity: () => ({ name: "Cabinet Dubois", address: "dossiers@dubois.example" }),
      clock: () => Temporal.Instant.from("2026-03-02T09:15:00Z"),
    });
    await mailer.send({
      messageId: "<BE-0001.REM1@peeters.example>",
      from: { address: "ignored@example.test" },
      identity: "be-dubois",
      to: [{ name: "Legrand Construction SRL", address: "compta@legrand.example" }],
      subject: "Rappel – dossier 2026/00002 – 1 792,90 €",
      text: "Madame, Monsieur,\n\nNous vous prions de payer 1 792,90 €.\n",
      attachments: [
        {
          filename: "rappel.pdf",
          contentType: "application/pdf",
          content: new TextEncoder().encode("%PDF-1.4\n%%EOF\n"),
        },
      ],
    });
    await mailer.close();
    const files = (await kept()).filter(({ file }) => file.startsWith("be-dubois/"));
    expect(files).toHaveLength(1);
    const bytes = files[0]?.bytes ?? Buffer.alloc(0);
    expect(bytes.toString("latin1")).toMatch(
      /^Message-ID: <BE-0001\.REM1@peeters\.example>\r\nDate: Mon, 02 Mar 2026 09:15:00 \+0000\r\n/,
    );
    const parsed = await simpleParser(bytes);
    expect(parsed.subject).toBe("Rappel – dossier 2026/00002 – 1 792,90 €");
    expect(parsed.from?.value[0]?.address).toBe("dossiers@dubois.example");
    const shown = readEml(bytes);
    expect(shown.subject).toBe(parsed.subject);
    expect(shown.text).toContain("1 792,90 €");
    expect(shown.attachments[0]?.filename).toBe("rappel.pdf");
    expect(new TextDecoder().decode(shown.attachments[0]?.content)).toBe("%PDF-1.4\n%%EOF\n");
  });
});

describe("the configuration", () => {
  const failure = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as ConfigError).issues;
    }
    throw new Error("expected a ConfigError");
  };

  it("defaults to PGlite in ./incasso-data on 127.0.0.1:3000 with cookies for plain http on localhost", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      host: "127.0.0.1",
      port: 3000,
      databaseUrl: null,
      smtp: null,
      secureCookies: false,
      timeZone: "Europe/Brussels",
    });
    expect(config.dataDir.endsWith("incasso-data")).toBe(true);
  });

  it("errors name the variable and what was expected", () => {
    expect(failure({ PORT: "eighty" })).toEqual([
      { variable: "PORT", message: "expected a port number" },
    ]);
    expect(failure({ DATABASE_URL: "mysql://x" })[0]?.variable).toBe("DATABASE_URL");
    expect(failure({ INCASSO_TIME_ZONE: "Brussels" })[0]).toEqual({
      variable: "INCASSO_TIME_ZONE",
      message: "expected an IANA time zone such as Europe/Brussels",
    });
    expect(failure({ SMTP_HOST: "smtp.example" })).toEqual([
      { variable: "SMTP_FROM", message: "expected the sender address when SMTP_HOST is set" },
    ]);
    expect(failure({ SMTP_PORT: "587" })[0]?.variable).toBe("SMTP_PORT");
    expect(
      failure({ SMTP_HOST: "smtp.example", SMTP_FROM: "a@b.example", SMTP_REQUIRE_TLS: "false" }),
    ).toEqual([
      {
        variable: "SMTP_REQUIRE_TLS",
        message: "expected true unless SMTP_HOST is a loopback address (127.0.0.1, localhost, ::1)",
      },
    ]);
    expect(failure({ HOST: "0.0.0.0", INCASSO_INSECURE_COOKIES: "true" })[0]?.variable).toBe(
      "INCASSO_INSECURE_COOKIES",
    );
    expect(() => loadConfig({ PORT: "x", SMTP_FROM: "nope" })).toThrow(
      /PORT: .*\n.*SMTP_FROM: expected an e-mail address/,
    );
  });

  it("a server on another host, or behind an https URL, sets Secure on its cookies", () => {
    expect(loadConfig({ HOST: "0.0.0.0" }).secureCookies).toBe(true);
    expect(loadConfig({ INCASSO_PUBLIC_URL: "https://incasso.example" }).secureCookies).toBe(true);
  });
});

describe("the demo bank statement", () => {
  it("is a camt.053 that the import-bank parser reads, with each demo payment under its case's structured reference", async () => {
    const today = Temporal.PlainDate.from("2026-03-02");
    const xml = demoStatementXml(today.subtract({ days: 1 }), today);
    const parsed = await parseBankFile(new TextEncoder().encode(xml), { fileName: "demo.xml" });
    const statement = parsed.statements[0];
    expect(parsed.formats).toEqual(["camt.053"]);
    expect(statement?.account.iban).toBe(DEMO_ACCOUNT_IBAN);
    const paid = demoCases(today).filter((demo) => demo.statementPayment !== undefined);
    expect(statement?.entries.length).toBe(paid.length + 1);
    expect(statement?.entries.filter((entry) => entry.structuredReference !== null)).toHaveLength(
      paid.length,
    );
    expect(statement?.entries.map((entry) => entry.amount.toFixed(2))).toEqual([
      ...paid.map((demo) => demo.statementPayment),
      "119.70",
    ]);
    for (const demo of paid)
      expect(xml).toContain(`<Ref>${demo.paymentReference.replace(/\D/g, "")}</Ref>`);
  });

  it("builds Belgian IBANs with valid check digits", () => {
    expect(belgianIban("539", "0075470", 34)).toBe("BE68539007547034");
  });
});
