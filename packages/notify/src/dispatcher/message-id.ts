// The e-mail Message-ID of an outbox message and back. RFC 5322 §3.6.4: msg-id = "<" id-left "@"
// id-right ">", id-left = dot-atom-text, dot-atom-text = 1*atext *("." 1*atext) (§3.2.3). An
// outbox key is a store id (A-Z a-z 0-9 . _ : / -): of these, ":" is not atext, and a dot may not
// begin or end a dot-atom-text or follow another dot. The encoding writes ":" as "+" and such a
// dot as "~", two atext characters a store id never holds, so decoding is a plain replacement.

import { fieldError } from "@incasso/core";

/** Characters of RFC 5322 `atext` (§3.2.3), for the `id-right` check. */
const DOT_ATOM_TEXT = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

/**
 * The `Message-ID` of an outbox message's e-mail, the same on every try: `<id-left@domain>` where
 * `id-left` is the outbox key written as an RFC 5322 `dot-atom-text` (§3.6.4): each `:` becomes
 * `+`, and a `.` at either end of the key or beside another `.` becomes `~`; every other character
 * of a key (`A-Z a-z 0-9 . _ / -`) stays. A store id never holds `+` or `~`, so
 * {@link outboxKeyOfMessageId} gives the key back. A domain that is not a `dot-atom-text` (a
 * host name such as `firm.example` is) is `INVALID_INPUT` naming `messageIdDomain`.
 *
 * @example
 * ```ts
 * import { outboxMessageId } from "@incasso/notify";
 * outboxMessageId("act:C1:REM1:2026-01-31:send-email", "firm.example"); // "<act+C1+REM1+2026-01-31+send-email@firm.example>"
 * ```
 */
export function outboxMessageId(key: string, domain: string): string {
  if (!DOT_ATOM_TEXT.test(domain))
    throw fieldError(
      "INVALID_INPUT",
      "messageIdDomain",
      "expected a host name (an RFC 5322 dot-atom-text) for the Message-ID",
      domain,
    );
  const left = key
    .replace(/:/g, "+")
    .replace(/\./g, (dot, at: number, whole: string) =>
      at === 0 || at === whole.length - 1 || whole[at - 1] === "." || whole[at + 1] === "."
        ? "~"
        : dot,
    );
  return `<${left}@${domain}>`;
}

/**
 * The outbox key a `Message-ID` made by {@link outboxMessageId} carries (`+` read as `:`, `~` as
 * `.`), or `null` when it is not of the form `<id-left@domain>`. A `Message-ID` written before
 * the encoding (`<act:C1:REM1@firm.example>`, the key as it is) holds neither `+` nor `~` and
 * gives its key unchanged. Whether the key is a store id is the caller's check.
 *
 * @example
 * ```ts
 * import { outboxKeyOfMessageId } from "@incasso/notify";
 * outboxKeyOfMessageId("<act+C1+REM1+2026-01-31+send-email@firm.example>"); // "act:C1:REM1:2026-01-31:send-email"
 * outboxKeyOfMessageId("<act:C1:REM1@firm.example>"); // "act:C1:REM1"
 * ```
 */
export function outboxKeyOfMessageId(messageId: string): string | null {
  const left = /^<?([^<>@\s]+)@[^<>@\s]+>?$/.exec(messageId.trim())?.[1];
  return left === undefined ? null : left.replace(/\+/g, ":").replace(/~/g, ".");
}
