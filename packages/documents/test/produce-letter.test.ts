import type { ActionCommand, IncassoError } from "@incasso/core";
import { caseStatement, parseCaseEvents, parseIsoDate } from "@incasso/core";
import { describe, expect, it } from "vitest";
import {
  createHtmlRenderer,
  produceLetter,
  renderLetterCommand,
  starterTemplate,
} from "../src/index.js";
import { beConsumerCase, beCreditor, nlCase, nlCreditor } from "./fixtures.js";

const who = { by: "clerk", recordedAt: "2026-12-01T09:00:00Z" };

describe("producing a letter from a case", () => {
  it("gives the letter's event carrying the document's hash; appended, the rule pack counts the letter", async () => {
    const events = beConsumerCase("nl");
    const letter = await produceLetter({
      renderer: createHtmlRenderer(),
      events,
      request: { kind: "book19-first-reminder", date: "2026-12-01", creditor: beCreditor },
      template: starterTemplate("book19-first-reminder", "nl"),
      format: "html",
      ...who,
    });
    expect(letter.events.map((event) => event.type)).toEqual(["reminder.sent"]);
    expect(letter.events[0]).toMatchObject({
      first: true,
      by: "clerk",
      at: "2026-12-01",
      document: { sha256: letter.document.sha256, format: "html" },
    });
    const appended = [...events, ...letter.events];
    expect(() => parseCaseEvents(appended)).not.toThrow();
    // With the first reminder recorded, the waiting period runs: charges from 18 December.
    expect(caseStatement(appended, parseIsoDate("2026-12-20")).chargeableFrom?.toString()).toBe(
      "2026-12-18",
    );
    expect(letter.context.ifUnpaid.from.value).toBe("2026-12-18");
  });

  it("carries out a scenario's render-letter command through the port", async () => {
    const command: ActionCommand = {
      kind: "render-letter",
      caseNumber: "NL-2026-0001",
      activity: "L14",
      template: "letter14",
      channel: "email",
      fallbackChannel: null,
    };
    const letter = await renderLetterCommand(command, {
      renderer: createHtmlRenderer(),
      events: nlCase(),
      date: "2026-11-27",
      creditor: nlCreditor,
      format: "html",
      ...who,
    });
    expect(letter.context.kind).toBe("letter14");
    expect(letter.events[0]).toMatchObject({ type: "letter14.sent", channel: "email" });
    const refused = await renderLetterCommand(
      { ...command, template: "no-such-letter" },
      {
        renderer: createHtmlRenderer(),
        events: nlCase(),
        date: "2026-11-27",
        creditor: nlCreditor,
        format: "html",
        ...who,
      },
    ).then(
      () => undefined,
      (error: unknown) => error as IncassoError,
    );
    expect(refused?.code).toBe("INVALID_INPUT");
  });
});

describe("a document without a legal effect", () => {
  it("is recorded as document.produced with its hash, and the case's history shows it", async () => {
    const events = nlCase();
    const letter = await produceLetter({
      renderer: createHtmlRenderer(),
      events,
      request: { kind: "statement", date: "2026-11-27", creditor: nlCreditor },
      template: starterTemplate("statement", "nl"),
      format: "html",
      ...who,
    });
    expect(letter.events).toEqual([
      expect.objectContaining({
        type: "document.produced",
        kind: "statement",
        document: { sha256: letter.document.sha256, template: expect.any(String), format: "html" },
      }),
    ]);
    const history = parseCaseEvents([...events, ...letter.events]);
    expect(history.at(-1)?.type).toBe("document.produced");
  });
});
