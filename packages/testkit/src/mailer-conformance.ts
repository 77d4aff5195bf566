import type { Mailer, OutgoingEmail } from "@incasso/core";
import { DeliveryError, IncassoError } from "@incasso/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * An e-mail as it arrived where the harness can see it (the test SMTP server's mailbox parsed
 * back, or what an in-memory mailer recorded): what the suite compares with what it sent.
 *
 * @example
 * ```ts
 * import type { DeliveredEmail } from "@incasso/testkit";
 * const mail: DeliveredEmail = {
 *   messageId: "<m1@incasso.example>", from: "dossiers@peeters.example", to: ["debtor@example.be"],
 *   subject: "Herinnering", text: "Geachte,", html: undefined, attachments: [],
 * };
 * ```
 */
export interface DeliveredEmail {
  readonly messageId: string;
  /** The address of the `From` header. */
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string | undefined;
  readonly attachments: readonly {
    readonly filename: string;
    readonly contentType: string;
    readonly content: Uint8Array;
  }[];
}

/**
 * The stable ids of the mailer conformance tests, to skip one by id (each with a reason).
 *
 * @example
 * ```ts
 * import type { MailerTestId } from "@incasso/testkit";
 * const id: MailerTestId = "mailer.transient-failure";
 * ```
 */
export type MailerTestId =
  | "mailer.delivers"
  | "mailer.keeps-message-id"
  | "mailer.identity"
  | "mailer.invalid-input"
  | "mailer.unknown-identity"
  | "mailer.permanent-failure"
  | "mailer.transient-failure"
  | "mailer.closed";

/**
 * How the mailer conformance suite gets an adapter and sees what arrived:
 *
 * - `create` makes a mailer (once for the suite, and once more for the `close` test); the suite
 *   closes each;
 * - `delivered` reads every e-mail that arrived so far (the suite finds its own by `Message-ID`);
 * - `identity`: the name of a sender identity the mailer knows, with the `From` address it gives;
 * - `failures`: recipient addresses at which the harness's server refuses the message for good
 *   (5xx) and for now (4xx); the failure tests are skipped without them;
 * - `skip`: tests to skip by id, with the reason.
 *
 * @example
 * ```ts
 * import type { MailerConformanceOptions } from "@incasso/testkit";
 * import { createMemoryMailer } from "@incasso/memory";
 * const mailer = createMemoryMailer();
 * const options: MailerConformanceOptions = {
 *   name: "memory",
 *   create: () => mailer,
 *   delivered: async () => [],
 * };
 * ```
 */
export interface MailerConformanceOptions {
  readonly name: string;
  readonly create: () => Mailer | Promise<Mailer>;
  readonly delivered: () => Promise<readonly DeliveredEmail[]>;
  readonly identity?: { readonly name: string; readonly fromAddress: string };
  readonly failures?: { readonly permanent?: string; readonly transient?: string };
  readonly skip?: Partial<Record<MailerTestId, string>>;
}

/** A tiny valid PDF (one empty page), so the suite attaches real PDF bytes. */
function tinyPdf(): Uint8Array {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

let counter = 0;
function email(overrides: Partial<OutgoingEmail> = {}): OutgoingEmail {
  counter++;
  return {
    messageId: `<conformance.${counter}.${Date.now().toString(36)}@incasso.example>`,
    from: { name: "Advocaten Peeters", address: "dossiers@peeters.example" },
    to: [{ name: "Jan Janssens", address: "jan.janssens@example.be" }],
    subject: "Ingebrekestelling – dossier 2026/00042 – €1.234,56 à payer",
    text: "Geachte heer Janssens,\n\nWij verzoeken u € 1.234,56 te betalen.\n",
    html: "<p>Geachte heer Janssens,</p><p>Wij verzoeken u <b>€ 1.234,56</b> te betalen.</p>",
    attachments: [
      { filename: "2026-00042-REM1.pdf", contentType: "application/pdf", content: tinyPdf() },
    ],
    ...overrides,
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the send to fail, and it succeeded");
}

/**
 * The conformance suite of the `Mailer` port: every adapter passes it on the real component (a
 * real SMTP server for the SMTP adapter). It checks that an e-mail arrives whole (the `From`, the
 * recipients, a subject with accents and a euro sign, text and HTML, the PDF attachment byte for
 * byte) under exactly the `Message-ID` given; that an identity chooses the `From`; that a
 * malformed address or an unknown identity is refused `INVALID_INPUT` naming the field, with
 * nothing sent; that a 5xx refusal is a permanent `DeliveryError` and a 4xx one a transient
 * one; and that a closed mailer sends nothing.
 *
 * @example
 * ```ts
 * import { describeMailerConformance } from "@incasso/testkit";
 * import { createMemoryMailer } from "@incasso/memory";
 * const mailer = createMemoryMailer();
 * describeMailerConformance({
 *   name: "memory",
 *   create: () => mailer,
 *   delivered: async () => mailer.sent().map((e) => ({
 *     messageId: e.messageId, from: e.from.address, to: e.to.map((t) => t.address), subject: e.subject,
 *     text: e.text, html: e.html, attachments: e.attachments,
 *   })),
 * });
 * ```
 */
export function describeMailerConformance(options: MailerConformanceOptions): void {
  const missing: Partial<Record<MailerTestId, string>> = {
    ...(options.identity === undefined
      ? { "mailer.identity": "the harness names no identity" }
      : {}),
    ...(options.failures?.permanent === undefined
      ? { "mailer.permanent-failure": "the harness names no address refused for good" }
      : {}),
    ...(options.failures?.transient === undefined
      ? { "mailer.transient-failure": "the harness names no address refused for now" }
      : {}),
  };
  const test = (id: MailerTestId, title: string, body: () => Promise<void>) => {
    const reason = options.skip?.[id] ?? missing[id];
    if (reason !== undefined) it.skip(`${title} [${id}] (skipped: ${reason})`, body);
    else it(`${title} [${id}]`, body);
  };
  const arrived = async (messageId: string) =>
    (await options.delivered()).filter((mail) => mail.messageId === messageId);

  describe(`Mailer conformance: ${options.name}`, () => {
    let mailer: Mailer;
    beforeAll(async () => {
      mailer = await options.create();
    });
    afterAll(async () => {
      await mailer?.close();
    });

    test(
      "mailer.delivers",
      "delivers an e-mail whole: From, To, subject with accents, text, HTML and the PDF byte for byte",
      async () => {
        const sent = email();
        const receipt = await mailer.send(sent);
        expect(receipt.messageId).toBe(sent.messageId);
        expect(receipt.accepted).toEqual(["jan.janssens@example.be"]);
        expect(receipt.rejected ?? []).toEqual([]);
        const [mail, ...more] = await arrived(sent.messageId);
        expect(more).toEqual([]);
        expect(mail?.from).toBe("dossiers@peeters.example");
        expect(mail?.to).toEqual(["jan.janssens@example.be"]);
        expect(mail?.subject).toBe(sent.subject);
        expect(mail?.text.trim()).toBe(sent.text.trim());
        expect(mail?.html?.trim()).toBe(sent.html);
        expect(mail?.attachments).toHaveLength(1);
        const attachment = mail?.attachments[0];
        expect(attachment?.filename).toBe("2026-00042-REM1.pdf");
        expect(attachment?.contentType).toBe("application/pdf");
        expect(Array.from(attachment?.content ?? [])).toEqual(
          Array.from(sent.attachments[0]?.content ?? []),
        );
      },
    );

    test(
      "mailer.keeps-message-id",
      "every e-mail carries exactly the Message-ID it was given, never one the adapter makes",
      async () => {
        const first = email({ attachments: [] });
        const second = email({ attachments: [] });
        await mailer.send(first);
        await mailer.send(second);
        expect((await arrived(first.messageId)).map((m) => m.messageId)).toEqual([first.messageId]);
        expect((await arrived(second.messageId)).map((m) => m.messageId)).toEqual([
          second.messageId,
        ]);
      },
    );

    test("mailer.identity", "an identity chooses the From of the e-mail", async () => {
      const identity = options.identity as NonNullable<typeof options.identity>;
      const sent = email({ identity: identity.name, attachments: [] });
      await mailer.send(sent);
      const [mail] = await arrived(sent.messageId);
      expect(mail?.from).toBe(identity.fromAddress);
    });

    test(
      "mailer.invalid-input",
      "refuses a malformed address or Message-ID with INVALID_INPUT naming the field, and sends nothing",
      async () => {
        const badAddress = email({ to: [{ address: "not an address" }] });
        const error = await rejection(mailer.send(badAddress));
        expect(error).toBeInstanceOf(IncassoError);
        expect((error as IncassoError).code).toBe("INVALID_INPUT");
        expect((error as IncassoError).issues.map((issue) => issue.path)).toContain(
          "email.to.0.address",
        );
        expect(await arrived(badAddress.messageId)).toEqual([]);
        const badId = email({ messageId: "no-angle-brackets" });
        const idError = await rejection(mailer.send(badId));
        expect((idError as IncassoError).issues.map((issue) => issue.path)).toContain(
          "email.messageId",
        );
      },
    );

    test(
      "mailer.unknown-identity",
      "refuses an identity it does not know with INVALID_INPUT at email.identity",
      async () => {
        const sent = email({ identity: "no-such-identity" });
        const error = await rejection(mailer.send(sent));
        expect(error).toBeInstanceOf(IncassoError);
        expect((error as IncassoError).issues.map((issue) => issue.path)).toEqual([
          "email.identity",
        ]);
        expect(await arrived(sent.messageId)).toEqual([]);
      },
    );

    test(
      "mailer.permanent-failure",
      "a recipient refused for good (5xx) is a permanent DeliveryError with the provider's code",
      async () => {
        const sent = email({ to: [{ address: options.failures?.permanent as string }] });
        const error = await rejection(mailer.send(sent));
        expect(error).toBeInstanceOf(DeliveryError);
        expect((error as DeliveryError).permanent).toBe(true);
        expect((error as DeliveryError).providerCode).toMatch(/^5\d\d$/);
        expect(await arrived(sent.messageId)).toEqual([]);
      },
    );

    test(
      "mailer.transient-failure",
      "a recipient refused for now (4xx) is a transient DeliveryError with the provider's code",
      async () => {
        const sent = email({ to: [{ address: options.failures?.transient as string }] });
        const error = await rejection(mailer.send(sent));
        expect(error).toBeInstanceOf(DeliveryError);
        expect((error as DeliveryError).permanent).toBe(false);
        expect((error as DeliveryError).providerCode).toMatch(/^4\d\d$/);
        expect(await arrived(sent.messageId)).toEqual([]);
      },
    );

    test("mailer.closed", "a closed mailer sends nothing", async () => {
      const other = await options.create();
      await other.close();
      const sent = email();
      const error = await rejection(other.send(sent));
      expect(error).toBeInstanceOf(IncassoError);
      expect(await arrived(sent.messageId)).toEqual([]);
    });
  });
}
