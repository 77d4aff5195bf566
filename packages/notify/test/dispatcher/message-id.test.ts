import { fc, test } from "@fast-check/vitest";
import { storeIdSchema } from "@incasso/core";
import { describe, expect, it } from "vitest";
import { outboxKeyOfMessageId, outboxMessageId } from "../../src/index.js";

// RFC 5322 §3.2.3: atext = ALPHA / DIGIT / "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" /
// "/" / "=" / "?" / "^" / "_" / "`" / "{" / "|" / "}" / "~"; dot-atom-text = 1*atext *("." 1*atext).
// §3.6.4: msg-id = "<" id-left "@" id-right ">", id-left = dot-atom-text (obs-id-left is not to
// be generated). Written here from the grammar, apart from the encoder's own pattern.
const ATEXT = new Set(
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+-/=?^_`{|}~",
);
const isDotAtomText = (text: string) =>
  text.split(".").every((atom) => atom.length > 0 && [...atom].every((c) => ATEXT.has(c)));
const isMsgId = (value: string) => {
  if (!value.startsWith("<") || !value.endsWith(">")) return false;
  const inner = value.slice(1, -1);
  const at = inner.lastIndexOf("@");
  return at > 0 && isDotAtomText(inner.slice(0, at)) && isDotAtomText(inner.slice(at + 1));
};

/** Any outbox key: a store id, weighted towards the characters that need encoding. */
const key = fc
  .array(fc.constantFrom(":", ".", ".", "/", "_", "-", "a", "Z", "0", "9"), {
    minLength: 1,
    maxLength: 120,
  })
  .map((chars) => chars.join(""));

describe("the Message-ID of an outbox message", () => {
  test.prop([key, fc.constantFrom("firm.example", "peeters.example.be", "localhost")])(
    "is an RFC 5322 msg-id whatever the key, and gives the key back",
    (outboxKey, domain) => {
      expect(storeIdSchema.safeParse(outboxKey).success).toBe(true);
      const messageId = outboxMessageId(outboxKey, domain);
      expect(isMsgId(messageId), messageId).toBe(true);
      expect(outboxKeyOfMessageId(messageId)).toBe(outboxKey);
    },
  );

  test.prop([key, key])("two keys never share a Message-ID", (a, b) => {
    fc.pre(a !== b);
    expect(outboxMessageId(a, "firm.example")).not.toBe(outboxMessageId(b, "firm.example"));
  });

  it("writes ':' as '+' and a dot at an end or beside another as '~'; other characters stay", () => {
    expect(outboxMessageId("rem:C1:plan-1:3:before:2026-03-27", "firm.example")).toBe(
      "<rem+C1+plan-1+3+before+2026-03-27@firm.example>",
    );
    expect(outboxMessageId("C1.M1", "firm.example")).toBe("<C1.M1@firm.example>");
    expect(outboxMessageId(".a..b/c_d.", "firm.example")).toBe("<~a~~b/c_d~@firm.example>");
    expect(outboxMessageId("alert::0f3a", "firm.example")).toBe("<alert++0f3a@firm.example>");
  });

  it("reads a Message-ID written before the encoding (the key as it is) as that key", () => {
    expect(outboxKeyOfMessageId("<rem:C1:plan-1:1:before:2026-02-27@advocaten.example>")).toBe(
      "rem:C1:plan-1:1:before:2026-02-27",
    );
    expect(outboxKeyOfMessageId(" rem+C1+x@advocaten.example ")).toBe("rem:C1:x");
    expect(outboxKeyOfMessageId("no at sign")).toBeNull();
    expect(outboxKeyOfMessageId("<a@b@c>")).toBeNull();
  });

  it("refuses a domain that is not a dot-atom-text, naming the field", () => {
    for (const domain of ["", "firm..example", "firm example", "[127.0.0.1]", ".firm.example"])
      expect(() => outboxMessageId("k", domain)).toThrow(
        expect.objectContaining({
          code: "INVALID_INPUT",
          issues: [expect.objectContaining({ path: "messageIdDomain" })],
        }),
      );
  });
});
