import { describe, expect, it } from "vitest";
import type { ActionCommand, CaseEventJson } from "../index.js";
import { approvalAppends, commandOutbox, IncassoError, parseOutboxPayload } from "../index.js";

const opened = (caseNumber: string, timeZone?: string): CaseEventJson => ({
  id: "e1",
  at: "2026-01-10",
  recordedAt: "2026-01-10T09:00:00Z",
  by: "clerk",
  type: "case.opened",
  caseNumber,
  client: { id: "acme", name: "Acme NV" },
  debtors: [
    {
      id: `D-${caseNumber.slice(-2)}`,
      kind: "natural-person",
      name: "Jan Peeters",
      language: "fr",
      consumer: true,
      ...(timeZone ? { timeZone } : {}),
      contacts: [
        { id: "m1", kind: "email", value: "jan@example.be", source: "client", date: "2026-01-10" },
      ],
    },
  ],
  owner: "an.peeters",
  lawyer: "an.peeters",
  rulePack: "be.b2b",
});

const command = (over: Partial<ActionCommand>): ActionCommand => ({
  kind: "send-email",
  caseNumber: "2026/00001",
  activity: "REM1",
  template: "nl/reminder",
  channel: "email",
  fallbackChannel: null,
  ...over,
});

const cases = [
  { caseId: "C1", events: [opened("2026/00001", "Europe/Brussels")] },
  { caseId: "C2", events: [opened("2026/00002")] },
];

describe("outbox messages of approved commands", () => {
  it("makes e-mail, SMS and letter-by-e-mail messages naming the debtor, with keys of case, activity, date and kind", () => {
    const { messages, skipped } = commandOutbox(
      [
        command({}),
        command({ kind: "send-sms", activity: "SMS1", template: null, channel: "sms" }),
        command({
          kind: "render-letter",
          caseNumber: "2026/00002",
          activity: "L14",
          template: "letter14",
        }),
        command({ kind: "render-letter", activity: "POST", channel: "post" }),
        command({ kind: "call-task", activity: "CALL", template: null, channel: "phone" }),
      ],
      cases,
      { date: "2026-01-31" },
    );
    expect(
      messages.map((group) => [group.caseId, group.outbox.map((m) => [m.key, m.kind])]),
    ).toEqual([
      [
        "C1",
        [
          ["act:C1:REM1:2026-01-31:send-email", "send-email"],
          ["act:C1:SMS1:2026-01-31:send-sms", "send-sms"],
        ],
      ],
      ["C2", [["act:C2:L14:2026-01-31:send-letter-email", "send-letter-email"]]],
    ]);
    expect(messages[0]?.outbox[0]?.payload).toEqual({
      caseId: "C1",
      caseNumber: "2026/00001",
      debtorId: "D-01",
      language: "fr",
      activity: "REM1",
      timeZone: "Europe/Brussels",
      template: "nl/reminder",
    });
    expect(skipped.map((s) => s.reason)).toEqual([
      "a letter by post is printed, not sent by the dispatcher",
      "a call-task is not a message",
    ]);
    for (const group of messages)
      for (const message of group.outbox)
        expect(parseOutboxPayload(message.kind, message.payload).kind).toBe(message.kind);
  });

  it("gives the same keys when the same commands are approved again, and distinct keys to equal commands", () => {
    const twice = [command({}), command({})];
    const first = commandOutbox(twice, cases, { date: "2026-01-31" });
    const again = commandOutbox(twice, cases, { date: "2026-01-31" });
    expect(again).toEqual(first);
    const keys = first.messages[0]?.outbox.map((m) => m.key);
    expect(keys).toEqual([
      "act:C1:REM1:2026-01-31:send-email",
      "act:C1:REM1:2026-01-31:send-email:2",
    ]);
  });

  it("refuses a command whose case was not given, naming it", () => {
    let error: unknown;
    try {
      commandOutbox([command({ caseNumber: "2026/09999" })], cases, { date: "2026-01-31" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IncassoError);
    expect((error as IncassoError).issues[0]?.path).toBe("commands.0.caseNumber");
  });

  it("puts each case's approval events and outbox messages in one append", () => {
    const event = (caseNumber: string, id: string) => ({
      caseNumber,
      event: {
        id,
        at: "2026-01-31",
        recordedAt: "2026-01-31T09:00:00Z",
        by: "clerk",
        type: "note.added",
        text: "approved",
      } as CaseEventJson,
    });
    const { appends } = approvalAppends(
      {
        commands: [
          command({}),
          command({ kind: "call-task", caseNumber: "2026/00002", template: null }),
        ],
        events: [event("2026/00001", "a1"), event("2026/00002", "a2")],
      },
      cases,
      { date: "2026-01-31" },
    );
    expect(
      appends.map((a) => [a.caseId, a.events.map((e) => e.id), a.outbox.map((m) => m.key)]),
    ).toEqual([
      ["C1", ["a1"], ["act:C1:REM1:2026-01-31:send-email"]],
      ["C2", ["a2"], []],
    ]);
  });
});

describe("outbox payloads", () => {
  it("refuses a payload without recipient or content, naming the field", () => {
    const issues = (kind: string, payload: unknown) => {
      try {
        parseOutboxPayload(kind, payload);
        return [];
      } catch (error) {
        return (error as IncassoError).issues.map((issue) => issue.path);
      }
    };
    expect(issues("send-email", { text: "hello" })).toEqual(["payload.debtorId"]);
    expect(issues("send-sms", { to: "+32470123456" })).toEqual(["payload.text"]);
    expect(issues("send-letter-email", { debtorId: "D1" })).toEqual(["payload.template"]);
    expect(issues("send-fax", {})).toEqual(["kind"]);
    expect(issues("send-email", { to: "a@b.be", text: "hi", extra: 1 })).toEqual([]);
  });
});
