import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { Temporal } from "temporal-polyfill";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firmDispatcher } from "../src/jobs/daily-work.js";
import type { TestServer } from "./support/server.js";
import { startTestServer } from "./support/server.js";

// A Wednesday, 10:00 in Brussels: inside the hours of contact.
const NOW = Temporal.Instant.from("2026-11-25T09:00:00Z");
const received: Buffer[] = [];
let smtp: SMTPServer;
let server: TestServer;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push(Buffer.concat(chunks));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
  const { port } = smtp.server.address() as AddressInfo;
  server = await startTestServer({
    now: () => NOW,
    smtp: { host: "127.0.0.1", port, from: "bounces@peeters.example" },
  });
});
afterAll(async () => {
  await server?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe("e-mail through the SMTP server of the environment", () => {
  it("the firm's dispatcher sends a queued e-mail over SMTP with the firm's From, and nothing is kept on disk", async () => {
    expect(server.services.mailDir).toBeNull();
    const scope = { tenantId: "be-peeters" };
    const events = await server.services.store.readEvents(scope, "BE-0002");
    await server.services.store.append(scope, {
      caseId: "BE-0002",
      expectedVersion: events.length,
      events: [
        {
          id: `e${events.length + 1}`,
          type: "note.added",
          at: "2026-11-25",
          recordedAt: NOW.toString(),
          by: "be-clerk",
          text: "Statement sent",
        },
      ],
      outbox: [
        {
          key: "BE-0002.statement",
          kind: "send-email",
          payload: {
            debtorId: "D-LEGRAND",
            subject: "Relevé de votre dossier",
            text: "Madame, Monsieur,\n\nVeuillez trouver le relevé.",
          },
        },
      ],
      asOf: "2026-11-25",
    });
    const firm = server.services.firms().find((candidate) => candidate.tenantId === "be-peeters");
    if (firm === undefined) throw new Error("no demo firm");
    const report = await firmDispatcher(server.services, firm, "test").runOnce();
    expect(report.sent.map((sent) => sent.id)).toContain("BE-0002.statement");
    const mails = await Promise.all(received.map((bytes) => simpleParser(bytes)));
    const mail = mails.find((candidate) => candidate.subject === "Relevé de votre dossier");
    expect(mail?.from?.value[0]?.address).toBe("dossiers@peeters.example");
    expect(mail?.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : undefined).toBe(
      "compta@legrand.example",
    );
    expect(mail?.text).toContain("Veuillez trouver le relevé.");
  });
});
