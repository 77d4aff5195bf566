// The local catch-all mailer used when no SMTP server is configured: every message becomes an
// `.eml` file (its RFC 5322 bytes, as a server would receive it) in the folder of its sender
// identity (the firm), which the /mail pages open. Nothing leaves the machine.
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { EmailReceipt, Mailbox, Mailer, OutgoingEmail } from "@incasso/core";
import { DeliveryError, fieldError } from "@incasso/core";
import type { Temporal } from "temporal-polyfill";
import { composeEml } from "./eml.js";

const ADDRESS = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$|^[^\s@<>()",;:]+@localhost$/;
const MESSAGE_ID = /^<[^<>\s@]+@[^<>\s@]+>$/;
/** Identities become folder names: the tenant id alphabet, nothing that climbs out. */
const IDENTITY = /^[A-Za-z0-9_][A-Za-z0-9._:-]{0,99}$/;

/** Options of {@link createCatchAllMailer}. */
export interface CatchAllMailerOptions {
  /** The folder that receives the `.eml` files (one subfolder per identity, `_` without one). */
  readonly dir: string;
  /** The sender of an identity (a firm), or undefined when the mailer does not know it. */
  readonly identity: (name: string) => Mailbox | undefined;
  readonly clock: () => Temporal.Instant;
}

/**
 * The folder name of an identity's messages.
 *
 * @example
 * ```ts
 * mailFolder("be-firm"); // "be-firm"
 * ```
 */
export const mailFolder = (identity: string | undefined): string =>
  identity === undefined ? "_" : identity.replace(/:/g, "_");

/**
 * Makes the catch-all mailer.
 *
 * @example
 * ```ts
 * const mailer = createCatchAllMailer({ dir: "./incasso-data/mail", identity: () => undefined, clock: () => Temporal.Now.instant() });
 * ```
 */
export function createCatchAllMailer(options: CatchAllMailerOptions): Mailer {
  let closed = false;
  let sequence = 0;
  const pending = new Set<Promise<unknown>>();
  return {
    async send(email: OutgoingEmail): Promise<EmailReceipt> {
      if (closed)
        throw new DeliveryError("catch-all mailer: closed", {
          permanent: false,
          providerCode: null,
        });
      if (typeof email.messageId !== "string" || !MESSAGE_ID.test(email.messageId))
        throw fieldError(
          "INVALID_INPUT",
          "email.messageId",
          "expected a Message-ID of the form <local@domain>",
          email.messageId,
        );
      if (!Array.isArray(email.to) || email.to.length === 0)
        throw fieldError("INVALID_INPUT", "email.to", "expected at least one recipient");
      const boxes: [string, unknown][] = [
        ["email.from.address", email.from?.address],
        ...email.to.map((box, i): [string, unknown] => [`email.to.${i}.address`, box?.address]),
        ...(email.replyTo === undefined
          ? []
          : [["email.replyTo.address", email.replyTo.address] as [string, unknown]]),
      ];
      for (const [path, address] of boxes)
        if (typeof address !== "string" || !ADDRESS.test(address))
          throw fieldError("INVALID_INPUT", path, "expected an e-mail address", address);
      let from = email.from;
      if (email.identity !== undefined) {
        const known = IDENTITY.test(email.identity) ? options.identity(email.identity) : undefined;
        if (known === undefined)
          throw fieldError(
            "INVALID_INPUT",
            "email.identity",
            "expected the identity of a firm this server knows",
            email.identity,
          );
        from = known;
      }
      const at = options.clock();
      const bytes = composeEml(email, from, at);
      const folder = join(options.dir, mailFolder(email.identity));
      sequence += 1;
      const stamp = at.toString().replace(/[:.]/g, "-");
      const name = `${stamp}-${String(sequence).padStart(4, "0")}-${email.messageId
        .slice(1, -1)
        .replace(/[^A-Za-z0-9.-]/g, "_")
        .slice(0, 80)}.eml`;
      const write = (async () => {
        await mkdir(folder, { recursive: true });
        // Written under a temporary name, then renamed: a reader never sees half a message.
        await writeFile(join(folder, `.${name}.tmp`), bytes);
        await rename(join(folder, `.${name}.tmp`), join(folder, name));
      })();
      pending.add(write);
      try {
        await write;
      } catch (error) {
        throw new DeliveryError(`catch-all mailer: could not write ${name}: ${String(error)}`, {
          permanent: false,
          providerCode: null,
        });
      } finally {
        pending.delete(write);
      }
      return {
        messageId: email.messageId,
        accepted: email.to.map((box) => box.address),
        response: `250 kept as ${mailFolder(email.identity)}/${name}`,
      };
    },
    async close() {
      closed = true;
      await Promise.allSettled([...pending]);
    },
  };
}
