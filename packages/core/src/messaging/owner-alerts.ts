import { Temporal } from "temporal-polyfill";
import type { CaseEvent } from "../case/case-event.js";
import { MONTH_NAMES } from "../dates/month-names.js";
import { IncassoError } from "../errors/incasso-error.js";
import type { OutboxMessage } from "../ports/outbox-store.js";
import type { MassActionRequest, MassActionRow } from "../scenarios/mass-action.js";
import { messageKey } from "./message-key.js";

/**
 * Where a case owner's alerts go: the mailbox and the language of the text (`nl`, `fr`, `en`).
 *
 * @example
 * ```ts
 * import type { OwnerMailbox } from "@incasso/core";
 * const an: OwnerMailbox = { address: "an.peeters@advocaten.example", name: "An Peeters", language: "nl" };
 * ```
 */
export interface OwnerMailbox {
  readonly address: string;
  readonly name?: string;
  readonly language: "nl" | "fr" | "en";
}

/**
 * A message that could not be sent, for its case's owner: `failed` (final: a permanent refusal,
 * retries exhausted, no current contact) or `postponed` (still waiting after many attempts), with
 * the reason as the dispatcher or provider gave it.
 *
 * @example
 * ```ts
 * import type { UndeliveredMessage } from "@incasso/core";
 * const line = (m: UndeliveredMessage) => `${m.caseNumber}: ${m.kind} ${m.state}: ${m.reason}`;
 * ```
 */
export interface UndeliveredMessage {
  readonly owner: string | null;
  readonly caseId: string | null;
  readonly caseNumber: string | null;
  readonly outboxKey: string;
  /** The outbox kind (`send-email`, `send-sms`, `send-letter-email`) or the event's channel. */
  readonly kind: string;
  readonly state: "failed" | "postponed";
  readonly attempts: number;
  readonly reason: string;
}

/**
 * A mass action's result for the alerts: the activity ordered and the result rows of `massAction`
 * (the rows not ordered are reported to their case's owner).
 *
 * @example
 * ```ts
 * import type { MassActionResult } from "@incasso/core";
 * const result: MassActionResult = { activity: "REM2", rows: [{ caseNumber: "2026/1", owner: "an.peeters", ordered: false, reason: "nothing is owed" }] };
 * ```
 */
export interface MassActionResult {
  /** The activity's code, or the action's label (`massActionLabel`). */
  readonly activity: string;
  readonly rows: readonly MassActionRow[];
  /**
   * The action, when it is not an activity ordered: the alert then names it in the owner's
   * language (a suspension, a closing, an assignment…) instead of by `activity`.
   */
  readonly request?: MassActionRequest;
}

/**
 * What {@link ownerAlerts} composes from: the day, the undelivered messages, the mass actions'
 * results, the directory of owners (owner → mailbox), and optionally a mailbox that gets what
 * belongs to owners the directory does not know.
 *
 * @example
 * ```ts
 * import { parseIsoDate, type OwnerAlertsInput } from "@incasso/core";
 * const input: OwnerAlertsInput = { date: parseIsoDate("2026-03-02"), undelivered: [], owners: {} };
 * ```
 */
export interface OwnerAlertsInput {
  readonly date: Temporal.PlainDate;
  readonly undelivered: readonly UndeliveredMessage[];
  readonly massActions?: readonly MassActionResult[];
  readonly owners: Readonly<Record<string, OwnerMailbox>>;
  readonly fallback?: OwnerMailbox;
}

/**
 * One owner's daily alert as an outbox message: `send-email` to the owner's mailbox (`to`, with
 * no debtor), under the key of the owner and the day.
 *
 * @example
 * ```ts
 * import type { OwnerAlertMessage } from "@incasso/core";
 * const subject = (message: OwnerAlertMessage) => message.payload.subject;
 * ```
 */
export interface OwnerAlertMessage {
  readonly key: string;
  readonly kind: "send-email";
  readonly payload: {
    readonly to: string;
    readonly toName?: string;
    readonly language: "nl" | "fr" | "en";
    readonly subject: string;
    readonly text: string;
    readonly template: "owner-alert";
    /** The owners the alert is about (one, or the unknown ones for the fallback mailbox). */
    readonly owners: readonly string[];
    readonly date: string;
    readonly failed: number;
    readonly postponed: number;
    readonly massActions: number;
  };
}

/**
 * The alerts of a day: one message per owner with something to report, the owners the directory
 * does not know (with how much was theirs: reported, and sent to the fallback mailbox when one is
 * given), and the messages that belong to no case and so to no owner.
 *
 * @example
 * ```ts
 * import type { OwnerAlerts } from "@incasso/core";
 * const unknown = (alerts: OwnerAlerts) => alerts.unknownOwners.map((o) => o.owner);
 * ```
 */
export interface OwnerAlerts {
  readonly messages: readonly OwnerAlertMessage[];
  readonly unknownOwners: readonly { readonly owner: string; readonly items: number }[];
  readonly withoutOwner: readonly UndeliveredMessage[];
}

type Language = OwnerMailbox["language"];

const KIND_WORDS: Record<Language, Record<string, string>> = {
  nl: {
    "send-email": "e-mail",
    "send-sms": "sms",
    "send-letter-email": "brief per e-mail",
    email: "e-mail",
    sms: "sms",
  },
  fr: {
    "send-email": "e-mail",
    "send-sms": "SMS",
    "send-letter-email": "lettre par e-mail",
    email: "e-mail",
    sms: "SMS",
  },
  en: {
    "send-email": "e-mail",
    "send-sms": "SMS",
    "send-letter-email": "letter by e-mail",
    email: "e-mail",
    sms: "SMS",
  },
};

/** A mass action that is not an activity ordered, named in the owner's language. */
function requestWords(
  language: Language,
  request: MassActionRequest,
  day: (date: Temporal.PlainDate) => string,
): string {
  const words = {
    nl: {
      suspend: "opschorting",
      until: "tot",
      resume: "hervatting",
      closed: "afsluiting",
      "written-off": "afboeking",
      active: "heropening",
      assign: "toewijzing aan",
    },
    fr: {
      suspend: "suspension",
      until: "jusqu'au",
      resume: "reprise",
      closed: "clôture",
      "written-off": "passage en perte",
      active: "réouverture",
      assign: "attribution à",
    },
    en: {
      suspend: "suspension",
      until: "until",
      resume: "resumption",
      closed: "closing",
      "written-off": "write-off",
      active: "reinstatement",
      assign: "assignment to",
    },
  }[language];
  switch (request.action) {
    case "order":
      return request.activity.code;
    case "suspend":
      return request.until === undefined
        ? words.suspend
        : `${words.suspend} ${words.until} ${day(request.until)}`;
    case "resume":
      return words.resume;
    case "set-status":
      return words[request.status];
    case "assign-owner":
      return `${words.assign} ${request.owner}`;
  }
}

/**
 * A reason `massAction` gives for not carrying out an action (`nothing is owed`, `the case is
 * suspended`…), in Dutch, French or English; a reason it does not know is returned as it is.
 *
 * @example
 * ```ts
 * import { massReasonText } from "@incasso/core";
 * massReasonText("the case is not suspended", "fr"); // "le dossier n'est pas suspendu"
 * ```
 */
export function massReasonText(reason: string, language: Language): string {
  return MASS_REASONS[language][reason] ?? reason;
}

/** The reasons `massAction` gives, in the owner's language. */
const MASS_REASONS: Record<Language, Record<string, string>> = {
  nl: {
    "unknown case number": "onbekend dossiernummer",
    "nothing is owed": "er is niets meer verschuldigd",
    "the case is closed": "het dossier is afgesloten",
    "the case is written-off": "het dossier is afgeboekt",
    "the case is with-bailiff": "het dossier is bij de gerechtsdeurwaarder",
    "the case is suspended": "het dossier is opgeschort",
    "the case is not suspended": "het dossier is niet opgeschort",
    "the case is already closed": "het dossier is al afgesloten",
    "the case is already written-off": "het dossier is al afgeboekt",
    "the case is not written-off": "het dossier is niet afgeboekt",
    "the case already has this owner": "het dossier heeft die beheerder al",
  },
  fr: {
    "unknown case number": "numéro de dossier inconnu",
    "nothing is owed": "plus rien n'est dû",
    "the case is closed": "le dossier est clôturé",
    "the case is written-off": "le dossier est passé en perte",
    "the case is with-bailiff": "le dossier est chez l'huissier de justice",
    "the case is suspended": "le dossier est suspendu",
    "the case is not suspended": "le dossier n'est pas suspendu",
    "the case is already closed": "le dossier est déjà clôturé",
    "the case is already written-off": "le dossier est déjà passé en perte",
    "the case is not written-off": "le dossier n'est pas passé en perte",
    "the case already has this owner": "le dossier a déjà ce gestionnaire",
  },
  en: {},
};

const TEXTS: Record<
  Language,
  {
    subject: (count: number, day: string) => string;
    opening: string;
    failed: (day: string) => string;
    postponed: string;
    mass: string;
    failedLine: (what: string, attempts: number, reason: string) => string;
    postponedLine: (what: string, attempts: number, reason: string) => string;
    massLine: (activity: string, reason: string) => string;
    file: (caseNumber: string) => string;
    noCase: string;
    unknownOwner: (owner: string) => string;
    closing: string;
  }
> = {
  nl: {
    subject: (n, day) => `Incasso: wat op ${day} niet verzonden of uitgevoerd werd (${n})`,
    opening: "Goedemorgen,",
    failed: (day) => `Deze berichten van uw dossiers konden op ${day} niet worden verzonden:`,
    postponed: "Deze berichten wachten nog, na herhaalde pogingen:",
    mass: "Deze massa-acties werden niet uitgevoerd:",
    failedLine: (what, n, reason) =>
      `${what} mislukt na ${n} ${n === 1 ? "poging" : "pogingen"}: ${reason}`,
    postponedLine: (what, n, reason) =>
      `${what} nog niet verzonden na ${n} ${n === 1 ? "poging" : "pogingen"}: ${reason}`,
    massLine: (activity, reason) => `actie ${activity} niet uitgevoerd: ${reason}`,
    file: (caseNumber) => `dossier ${caseNumber}`,
    noCase: "zonder dossier",
    unknownOwner: (owner) => `Beheerder ${owner} (niet in de lijst van beheerders):`,
    closing: "Dit bericht werd automatisch opgesteld.",
  },
  fr: {
    subject: (n, day) => `Incasso : ce qui n'a pas été envoyé ou exécuté le ${day} (${n})`,
    opening: "Bonjour,",
    failed: (day) => `Ces messages de vos dossiers n'ont pas pu être envoyés le ${day} :`,
    postponed: "Ces messages attendent encore, après plusieurs tentatives :",
    mass: "Ces actions de masse n'ont pas été exécutées :",
    failedLine: (what, n, reason) =>
      `${what} en échec après ${n} tentative${n === 1 ? "" : "s"} : ${reason}`,
    postponedLine: (what, n, reason) =>
      `${what} pas encore envoyé après ${n} tentative${n === 1 ? "" : "s"} : ${reason}`,
    massLine: (activity, reason) => `action ${activity} non exécutée : ${reason}`,
    file: (caseNumber) => `dossier ${caseNumber}`,
    noCase: "sans dossier",
    unknownOwner: (owner) => `Gestionnaire ${owner} (absent de la liste des gestionnaires) :`,
    closing: "Ce message a été rédigé automatiquement.",
  },
  en: {
    subject: (n, day) => `Incasso: what was not sent or done on ${day} (${n})`,
    opening: "Good morning,",
    failed: (day) => `These messages of your files could not be sent on ${day}:`,
    postponed: "These messages are still waiting, after repeated attempts:",
    mass: "These mass actions were not executed:",
    failedLine: (what, n, reason) =>
      `${what} failed after ${n} attempt${n === 1 ? "" : "s"}: ${reason}`,
    postponedLine: (what, n, reason) =>
      `${what} not sent yet after ${n} attempt${n === 1 ? "" : "s"}: ${reason}`,
    massLine: (activity, reason) => `action ${activity} not executed: ${reason}`,
    file: (caseNumber) => `file ${caseNumber}`,
    noCase: "without a file",
    unknownOwner: (owner) => `Owner ${owner} (not in the directory of owners):`,
    closing: "This message was written automatically.",
  },
};

interface Bucket {
  readonly failed: UndeliveredMessage[];
  readonly postponed: UndeliveredMessage[];
  readonly mass: { activity: string; request?: MassActionRequest; row: MassActionRow }[];
}

/**
 * Composes the daily alert of every case owner: what could not be sent that day and why (the
 * failed messages), what still waits after repeated attempts (the postponed ones), and the cases a
 * mass action left out; one e-mail per owner, in the owner's language (nl, fr, en), under the key
 * `messageKey(["alert", owner, date])`, so a day's alert is written once. A message named twice
 * (by the outbox and by its `message.failed` event) is reported once, as failed when either says
 * so. Owners the directory does not know are reported, never dropped: their items go to the
 * fallback mailbox when one is given (one e-mail under `alert-unknown-owners:<date>`, a key no
 * owner's alert can have), and are listed in
 * `unknownOwners` in any case. Pure.
 *
 * @example
 * ```ts
 * import { ownerAlerts, parseIsoDate } from "@incasso/core";
 * const alerts = ownerAlerts({
 *   date: parseIsoDate("2026-03-02"),
 *   undelivered: [{ owner: "an.peeters", caseId: "C1", caseNumber: "2026/1", outboxKey: "k1", kind: "send-email", state: "failed", attempts: 1, reason: "550 5.1.1 user unknown" }],
 *   owners: { "an.peeters": { address: "an@advocaten.example", language: "nl" } },
 * });
 * alerts.messages[0]?.payload.subject; // "Incasso: wat op 2 maart 2026 niet verzonden of uitgevoerd werd (1)"
 * ```
 */
export function ownerAlerts(input: OwnerAlertsInput): OwnerAlerts {
  const date = input.date.toString();
  const buckets = new Map<string, Bucket>();
  const bucket = (owner: string) => {
    let found = buckets.get(owner);
    if (found === undefined) {
      found = { failed: [], postponed: [], mass: [] };
      buckets.set(owner, found);
    }
    return found;
  };
  const withoutOwner: UndeliveredMessage[] = [];
  const byKey = new Map<string, UndeliveredMessage>();
  for (const item of input.undelivered) {
    const known = byKey.get(item.outboxKey);
    if (known === undefined || (known.state === "postponed" && item.state === "failed"))
      byKey.set(item.outboxKey, {
        ...item,
        attempts: Math.max(item.attempts, known?.attempts ?? 0),
      });
  }
  for (const item of [...byKey.values()].sort(compareItems)) {
    if (item.owner === null) withoutOwner.push(item);
    else bucket(item.owner)[item.state].push(item);
  }
  for (const result of input.massActions ?? [])
    for (const row of result.rows)
      if (!row.ordered && row.owner !== null)
        bucket(row.owner).mass.push({
          activity: result.activity,
          ...(result.request === undefined ? {} : { request: result.request }),
          row,
        });

  const messages: OwnerAlertMessage[] = [];
  const unknownOwners: { owner: string; items: number }[] = [];
  const unknownBuckets: [string, Bucket][] = [];
  for (const [owner, found] of [...buckets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const mailbox = Object.hasOwn(input.owners, owner) ? input.owners[owner] : undefined;
    if (mailbox === undefined) {
      unknownOwners.push({ owner, items: countOf(found) });
      unknownBuckets.push([owner, found]);
      continue;
    }
    messages.push(
      compose(input.date, mailbox, [owner], [[null, found]], messageKey(["alert", owner, date])),
    );
  }
  if (input.fallback !== undefined && unknownBuckets.length > 0)
    messages.push(
      compose(
        input.date,
        input.fallback,
        unknownBuckets.map(([owner]) => owner),
        unknownBuckets,
        messageKey(["alert-unknown-owners", date]),
      ),
    );
  return { messages, unknownOwners, withoutOwner };
}

/**
 * The undelivered messages of a day from the outbox: those that failed (completed as failed on
 * the day, in the time zone given) and those still pending after a postponement with at least
 * `postponedAttempts` attempts (default 3); each with its case's owner and number, looked up in
 * `cases` (a message of an unknown case, or of none, has no owner).
 *
 * @example
 * ```ts
 * import { parseIsoDate, undeliveredFromOutbox, type OutboxMessage } from "@incasso/core";
 * declare const messages: OutboxMessage[];
 * undeliveredFromOutbox(messages, new Map([["C1", { owner: "an.peeters", caseNumber: "2026/1" }]]), {
 *   date: parseIsoDate("2026-03-02"), timeZone: "Europe/Brussels",
 * });
 * ```
 */
export function undeliveredFromOutbox(
  messages: readonly OutboxMessage[],
  cases: ReadonlyMap<string, { readonly owner: string; readonly caseNumber: string }>,
  options: {
    readonly date: Temporal.PlainDate;
    readonly timeZone: string;
    readonly postponedAttempts?: number;
  },
): UndeliveredMessage[] {
  const threshold = options.postponedAttempts ?? 3;
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > 1000)
    throw new IncassoError(
      "INVALID_INPUT",
      "postponedAttempts: expected a whole number of 1 to 1000",
      [{ path: "postponedAttempts", message: "expected a whole number of 1 to 1000" }],
    );
  const found: UndeliveredMessage[] = [];
  for (const message of messages) {
    const failed =
      message.status === "failed" &&
      message.completedAt !== null &&
      Temporal.Instant.from(message.completedAt)
        .toZonedDateTimeISO(options.timeZone)
        .toPlainDate()
        .equals(options.date);
    const postponed =
      message.status === "pending" && message.detail !== null && message.attempts >= threshold;
    if (!failed && !postponed) continue;
    const known = message.caseId === null ? undefined : cases.get(message.caseId);
    found.push({
      owner: known?.owner ?? null,
      caseId: message.caseId,
      caseNumber: known?.caseNumber ?? null,
      outboxKey: message.id,
      kind: message.kind,
      state: failed ? "failed" : "postponed",
      attempts: message.attempts,
      reason: message.detail ?? "no reason recorded",
    });
  }
  return found;
}

/**
 * The undelivered messages a case's `message.failed` events of a day record, with the case's
 * owner (the last `case.owner-assigned` up to the day, else `case.opened`'s) and number: `failed` when the failure is permanent, else
 * `postponed`.
 *
 * @example
 * ```ts
 * import { parseCaseEvents, parseIsoDate, undeliveredFromEvents } from "@incasso/core";
 * declare const json: unknown[];
 * undeliveredFromEvents("C1", parseCaseEvents(json), parseIsoDate("2026-03-02"));
 * ```
 */
export function undeliveredFromEvents(
  caseId: string,
  events: readonly CaseEvent[],
  date: Temporal.PlainDate,
): UndeliveredMessage[] {
  const opened = events.find(
    (event): event is Extract<CaseEvent, { type: "case.opened" }> => event.type === "case.opened",
  );
  const day = date.toString();
  let owner = opened?.owner ?? null;
  for (const event of events)
    if (event.type === "case.owner-assigned" && event.at <= day) owner = event.owner;
  return events
    .filter(
      (event): event is Extract<CaseEvent, { type: "message.failed" }> =>
        event.type === "message.failed" && event.at === day,
    )
    .map((event) => ({
      owner,
      caseId,
      caseNumber: opened?.caseNumber ?? null,
      outboxKey: event.outboxKey,
      kind: event.channel === "sms" ? "send-sms" : "send-email",
      state: event.permanent ? ("failed" as const) : ("postponed" as const),
      attempts: 1,
      reason: event.reason,
    }));
}

function countOf(bucket: Bucket): number {
  return bucket.failed.length + bucket.postponed.length + bucket.mass.length;
}

function compareItems(a: UndeliveredMessage, b: UndeliveredMessage): number {
  const left = `${a.caseNumber ?? "\uffff"}\u0000${a.outboxKey}`;
  const right = `${b.caseNumber ?? "\uffff"}\u0000${b.outboxKey}`;
  return left < right ? -1 : left > right ? 1 : 0;
}

function compose(
  date: Temporal.PlainDate,
  mailbox: OwnerMailbox,
  owners: readonly string[],
  sections: readonly (readonly [string | null, Bucket])[],
  key: string,
): OwnerAlertMessage {
  const language = mailbox.language;
  const words = TEXTS[language];
  const day = `${date.day} ${MONTH_NAMES[language][date.month - 1]} ${date.year}`;
  const what = (item: UndeliveredMessage) =>
    `${item.caseNumber === null ? words.noCase : words.file(item.caseNumber)}: ${KIND_WORDS[language][item.kind] ?? item.kind}`;
  const lines: string[] = [words.opening, ""];
  let failed = 0;
  let postponed = 0;
  let mass = 0;
  for (const [owner, bucket] of sections) {
    if (owner !== null) lines.push(words.unknownOwner(owner), "");
    if (bucket.failed.length > 0) {
      lines.push(words.failed(day));
      for (const item of bucket.failed)
        lines.push(
          `- ${words.failedLine(what(item), item.attempts, item.reason)} [${item.outboxKey}]`,
        );
      lines.push("");
    }
    if (bucket.postponed.length > 0) {
      lines.push(words.postponed);
      for (const item of bucket.postponed)
        lines.push(
          `- ${words.postponedLine(what(item), item.attempts, item.reason)} [${item.outboxKey}]`,
        );
      lines.push("");
    }
    if (bucket.mass.length > 0) {
      lines.push(words.mass);
      for (const { activity, request, row } of bucket.mass) {
        const reason = row.reason ?? "";
        const named =
          request === undefined
            ? activity
            : requestWords(
                language,
                request,
                (d) => `${d.day} ${MONTH_NAMES[language][d.month - 1]} ${d.year}`,
              );
        lines.push(
          `- ${words.file(row.caseNumber)}: ${words.massLine(named, MASS_REASONS[language][reason] ?? reason)}`,
        );
      }
      lines.push("");
    }
    failed += bucket.failed.length;
    postponed += bucket.postponed.length;
    mass += bucket.mass.length;
  }
  lines.push(words.closing);
  const count = failed + postponed + mass;
  return {
    key,
    kind: "send-email",
    payload: {
      to: mailbox.address,
      ...(mailbox.name === undefined ? {} : { toName: mailbox.name }),
      language,
      subject: words.subject(count, day),
      text: lines.join("\n").slice(0, 100_000),
      template: "owner-alert",
      owners,
      date: date.toString(),
      failed,
      postponed,
      massActions: mass,
    },
  };
}
