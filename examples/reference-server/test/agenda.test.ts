// The agenda through the app: today's stored entries with filters, the bulk approval (the outbox
// written once, the letter rendered), the dispositions, and a mass action whose bad row is named in
// the result file.
import type { CaseEventJson, Scenario } from "@incasso/core";
import { agenda, runDailyShard, Temporal } from "@incasso/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../src/auth/users.js";
import { checkLabels } from "./support/labels.js";
import type { TestServer } from "./support/server.js";
import { startTestServer } from "./support/server.js";

const NOW = Temporal.Instant.from("2026-03-02T09:00:00Z");
const TODAY = "2026-03-02";
const TENANT = "be-peeters";
const CLIENT = "acme-bouw";
const scope = { tenantId: TENANT };

const activity = (
  code: string,
  kind: Scenario["activities"][number]["kind"],
  channel: Scenario["activities"][number]["channel"],
  template?: string,
) => ({
  code,
  description: { nl: `${code} nl`, fr: `${code} fr`, en: `${code} en` },
  kind,
  channel,
  ...(template === undefined ? {} : { template }),
});

const scenario = (id: string, act: ReturnType<typeof activity>) => ({
  id,
  version: 1,
  name: id,
  calendar: "be" as const,
  activities: [act],
  steps: [{ activity: act.code, wait: { days: 7 }, after: "due-date" as const }],
});

function openCase(
  caseId: string,
  scenarioId: string,
  options: { owner?: string; group?: string; amount?: string } = {},
): CaseEventJson[] {
  const at = "2026-01-05";
  const envelope = (id: string) => ({
    id: `${caseId}-${id}`,
    at,
    recordedAt: `${at}T08:00:00Z`,
    by: "test",
  });
  return [
    {
      ...envelope("open"),
      type: "case.opened",
      caseNumber: `2026/${caseId}`,
      client: { id: CLIENT, name: "Acme Bouw NV" },
      debtors: [
        {
          id: `D-${caseId}`,
          kind: "legal-person",
          name: `Debtor ${caseId} BV`,
          language: "nl",
          consumer: false,
          enterpriseNumber: "0566.988.259",
          contacts: [
            {
              id: "m1",
              kind: "email",
              value: `debtor-${caseId.toLowerCase()}@example.be`,
              source: "client",
              date: at,
            },
            { id: "p1", kind: "phone", value: "+32470123456", source: "client", date: at },
            {
              id: "a1",
              kind: "address",
              value: "Kerkstraat 1, 2000 Antwerpen",
              source: "client",
              date: at,
            },
          ],
        },
      ],
      owner: options.owner ?? "an.peeters",
      lawyer: "mr. Peeters",
      rulePack: "be.b2b",
      ...(options.group === undefined ? {} : { collectionGroup: options.group }),
    },
    {
      ...envelope("claim"),
      type: "claim.added",
      claim: {
        id: "F1",
        invoiceNumber: `INV-${caseId}`,
        invoiceDate: "2025-12-01",
        dueDate: "2025-12-31",
        amount: options.amount ?? "1000.00",
      },
    },
    { ...envelope("scenario"), type: "scenario.started", scenarioId },
  ] as CaseEventJson[];
}

let server: TestServer;

/** Each form control of a page has a label (for its id, or aria-label) and no id repeats. */
beforeAll(async () => {
  server = await startTestServer({ now: () => NOW });
  const store = server.services.store;
  await store.putScenario(
    scope,
    CLIENT,
    scenario("web-email", activity("EML", "email", "email", "reminder")),
  );
  await store.putScenario(
    scope,
    CLIENT,
    scenario("web-letter", activity("LTR", "letter", "post", "reminder")),
  );
  await store.putScenario(
    scope,
    CLIENT,
    scenario("web-sms", activity("SMS", "sms", "sms", "instalment-reminder-sms")),
  );
  await store.putScenario(scope, CLIENT, scenario("web-call", activity("CALL", "call", "phone")));
  const cases: [string, string, Parameters<typeof openCase>[2]][] = [
    ["AG1", "web-email", {}],
    ["AG2", "web-letter", { amount: "2500.00" }],
    ["AG3", "web-sms", {}],
    ["AG4", "web-call", { owner: "agenda.test-owner", group: "agenda-test-group" }],
    ["AG5", "web-call", { owner: "be-lawyer" }],
    ["AG6", "web-call", {}],
  ];
  for (const [caseId, scenarioId, options] of cases)
    await store.append(scope, {
      caseId,
      expectedVersion: 0,
      events: openCase(caseId, scenarioId, options),
      asOf: TODAY,
    });
  await runDailyShard(store, scope, { runDate: TODAY });
});

afterAll(async () => {
  await server?.close();
});

const entryOf = (caseId: string) => `${TODAY}/${caseId}/step-1`;

describe("the agenda", () => {
  it("lists today's entries with the core's figures, and filters by owner, kind and group", async () => {
    const page = await server.request("/agenda?lang=en", {}, "clerk");
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('<form id="approve-form"');
    for (const caseId of ["AG1", "AG2", "AG3", "AG4"]) expect(text).toContain(`2026/${caseId}`);
    expect(text).toContain("<caption>");
    expect(text).toContain('scope="col"');
    // Owners by name when they are users of the firm, else as recorded.
    const rowOf = (caseId: string) => {
      const at = text.indexOf(`>2026/${caseId}</a>`);
      return text.slice(at, text.indexOf("</tr>", at));
    };
    expect(rowOf("AG5")).toContain("<td>Marc Dubois</td>");
    expect(rowOf("AG4")).toContain("<td>agenda.test-owner</td>");
    // The owner filter takes the name a clerk sees (any case), the e-mail address or the id.
    for (const typed of ["marc dubois", "Marc Dubois", "be-lawyer"]) {
      const filtered = await (
        await server.request(`/agenda?lang=en&owner=${encodeURIComponent(typed)}`, {}, "clerk")
      ).text();
      expect(filtered, typed).toContain(">2026/AG5</a>");
      expect(filtered, typed).not.toContain(">2026/AG1</a>");
    }
    // Two firm users of one name: the filter names both instead of guessing; a portal user of a
    // firm user's name does not count.
    for (const [userId, role, clientId] of [
      ["agenda-jan-1", "clerk", null],
      ["agenda-jan-2", "lawyer", null],
      ["agenda-portal-marc", "portal", CLIENT],
    ] as const)
      await createUser(server.services, TENANT, {
        userId,
        email: `${userId}@firm.example`,
        name: userId === "agenda-portal-marc" ? "Marc Dubois" : "Jan Peeters",
        role,
        clientId,
        language: "nl",
        password: "a long secret phrase for tests",
      });
    const ambiguous = await (
      await server.request("/agenda?lang=en&owner=jan%20peeters", {}, "clerk")
    ).text();
    expect(ambiguous).toContain(
      "“jan peeters” names more than one user: Jan Peeters (agenda-jan-1), Jan Peeters (agenda-jan-2). Give the user id.",
    );
    const stillMarc = await (
      await server.request("/agenda?lang=en&owner=Marc%20Dubois", {}, "clerk")
    ).text();
    expect(stillMarc).toContain(">2026/AG5</a>");
    expect(stillMarc).not.toContain("names more than one user");

    type Listed = {
      items: {
        caseNumber: string;
        entry: { owner: string; collectionGroup: string | null; activity: { kind: string } };
        amounts: { balance: string } | null;
      }[];
    };
    const list = async (query: string) => {
      const answer = await server.request(`/api/agenda?${query}`, {}, "clerk");
      expect(answer.status).toBe(200);
      return ((await answer.json()) as Listed).items;
    };
    const byOwner = await list("owner=agenda.test-owner");
    expect(byOwner.map((item) => item.caseNumber)).toEqual(["2026/AG4"]);
    const byKind = await list("kind=sms");
    expect(byKind.map((item) => item.caseNumber)).toContain("2026/AG3");
    expect(byKind.every((item) => item.entry.activity.kind === "sms")).toBe(true);
    const byGroup = await list("group=agenda-test-group");
    expect(byGroup.map((item) => item.caseNumber)).toEqual(["2026/AG4"]);
    const byClient = await list(`client=${CLIENT}`);
    expect(byClient.length).toBeGreaterThanOrEqual(6);

    // The order is the core's: the same as its own agenda() over these cases, for every sort.
    const scenarios = await store().listScenarios(scope, CLIENT);
    const testCases = await Promise.all(
      ["AG1", "AG2", "AG3", "AG4", "AG5", "AG6"].map(async (caseId) => ({
        events: (await store().readEvents(scope, caseId)).map((item) => item.event),
      })),
    );
    for (const sort of ["due-date", "owner", "amount", "last-contact"] as const) {
      const expected = agenda(testCases, scenarios, Temporal.PlainDate.from(TODAY), { sort }).map(
        (entry) => entry.caseNumber,
      );
      const listed = (await list(`sort=${sort}&client=${CLIENT}`))
        .map((item) => item.caseNumber)
        .filter((number) => number.startsWith("2026/AG"));
      expect(listed, sort).toEqual(expected);
    }

    const byAmount = await list("sort=amount");
    const balances = byAmount.map((item) => Number(item.amounts?.balance));
    expect([...balances].sort((a, b) => b - a)).toEqual(balances);
    const ours = byAmount
      .map((item) => item.caseNumber)
      .filter((number) => number.startsWith("2026/AG"));
    expect(ours[0]).toBe("2026/AG2");
  });

  it("lists the demo's entries of today, and approving its formal notice renders the letter by post", async () => {
    type Listed = {
      items: {
        caseNumber: string;
        entry: { id: string; caseId: string; activity: { kind: string; channel: string } };
      }[];
    };
    const listed = (await (await server.request("/api/agenda", {}, "clerk")).json()) as Listed;
    const demo = listed.items.filter((item) => !item.caseNumber.startsWith("2026/AG"));
    expect(demo.length).toBeGreaterThan(0);
    const notice = demo.find(
      (item) =>
        item.entry.activity.kind === "formal-notice" && item.entry.activity.channel !== "email",
    );
    expect(notice).toBeDefined();
    const answer = await server.request(
      "/api/agenda/approve",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ entryIds: [notice?.entry.id] }),
      },
      "clerk",
    );
    const outcome = (
      (await answer.json()) as {
        outcomes: { status: string; letters: string[]; reason: string | null }[];
      }
    ).outcomes[0];
    expect(outcome?.reason ?? null).toBeNull();
    expect(outcome?.status).toBe("approved");
    expect(outcome?.letters).toHaveLength(1);
    const events = (await store().readEvents(scope, notice?.entry.caseId ?? "")).map(
      (item) => item.event,
    );
    const letter = events.find((event) => event.id === outcome?.letters[0]);
    expect(letter?.type).toBe("notice.sent");
  });

  it("answers a bad filter with the field named", async () => {
    const api = await server.request("/api/agenda?sort=random", {}, "clerk");
    expect(api.status).toBe(400);
    const problem = (await api.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((error) => error.path)).toContain("sort");
  });

  it("approves in bulk: the e-mail and SMS queued once, the letter rendered, and again queues nothing", async () => {
    const store = server.services.store;
    const before = await store.listOutbox(scope, {});
    const form = new URLSearchParams();
    for (const caseId of ["AG1", "AG2", "AG3"]) form.append("entry", entryOf(caseId));
    const answer = await server.request(
      "/agenda/approve",
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form,
      },
      "clerk",
    );
    const text = await answer.text();
    expect(answer.status, text).toBe(200);
    const after = await store.listOutbox(scope, {});
    const added = after.filter((message) => !before.some((known) => known.id === message.id));
    expect(added.map((message) => `${message.caseId}:${message.kind}`).sort()).toEqual([
      "AG1:send-email",
      "AG3:send-sms",
    ]);

    const letterCase = await store.readEvents(scope, "AG2");
    const letter = letterCase
      .map((item) => item.event)
      .find((event) => event.type === "reminder.sent");
    expect(letter?.type === "reminder.sent" && letter.document?.format).toBe("pdf");
    expect(letterCase.map((item) => item.event.type)).toContain("action.done");

    const pdf = await server.request(
      `/cases/AG2/letters/${encodeURIComponent(letter?.id ?? "")}.pdf`,
      {},
      "clerk",
    );
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe("%PDF-");

    const open = (await (await server.request("/api/agenda", {}, "clerk")).json()) as {
      items: { entry: { id: string } }[];
    };
    expect(open.items.map((item) => item.entry.id)).not.toContain(entryOf("AG1"));

    const again = await server.request(
      "/api/agenda/approve",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ entryIds: [entryOf("AG1"), entryOf("AG3")] }),
      },
      "clerk",
    );
    expect(again.status).toBe(200);
    const outcomes = (await again.json()) as { outcomes: { status: string }[] };
    expect(outcomes.outcomes.map((outcome) => outcome.status)).toEqual(["skipped", "skipped"]);
    expect((await store.listOutbox(scope, {})).length).toBe(after.length);
  });

  it("disposes of entries: done, rescheduled (continued) and cancelled, each recorded on its case", async () => {
    const done = await server.request(
      "/api/agenda/dispositions",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ entryId: entryOf("AG4"), kind: "done", result: "called, will pay" }),
      },
      "clerk",
    );
    expect(done.status).toBe(200);
    expect(((await done.json()) as { entry: { status: string } }).entry.status).toBe("done");

    const entryPage = await server.request(
      `/agenda/entry?id=${encodeURIComponent(entryOf("AG5"))}&lang=en`,
      {},
      "clerk",
    );
    const entryHtml = await entryPage.text();
    expect(entryPage.status).toBe(200);
    for (const id of ["dispose-done", "dispose-rescheduled", "dispose-cancelled"])
      expect(entryHtml).toContain(`<form id="${id}"`);
    expect(entryHtml).toContain('<label for="f-to">');
    const form = new URLSearchParams({
      entryId: entryOf("AG5"),
      kind: "rescheduled",
      to: "2026-03-09",
    });
    const rescheduled = await server.request(
      "/agenda/dispose",
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form,
      },
      "clerk",
    );
    expect(rescheduled.status).toBe(303);

    const badForm = new URLSearchParams({ entryId: entryOf("AG6"), kind: "cancelled", reason: "" });
    const bad = await server.request(
      "/agenda/dispose",
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: badForm,
      },
      "clerk",
    );
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('id="f-reason-error"');

    const cancelled = await server.request(
      "/api/agenda/dispositions",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          entryId: entryOf("AG6"),
          kind: "cancelled",
          reason: "debtor disputes",
        }),
      },
      "clerk",
    );
    expect(cancelled.status).toBe(200);

    const all = (await (await server.request("/api/agenda?status=all", {}, "clerk")).json()) as {
      items: { entry: { id: string; status: string } }[];
    };
    const status = Object.fromEntries(all.items.map((item) => [item.entry.id, item.entry.status]));
    expect(status[entryOf("AG4")]).toBe("done");
    expect(status[entryOf("AG5")]).toBe("rescheduled");
    expect(status[entryOf("AG6")]).toBe("cancelled");
    const types = (caseId: string) =>
      store()
        .readEvents(scope, caseId)
        .then((events) => events.map((item) => item.event.type));
    expect(await types("AG5")).toContain("action.rescheduled");
    expect(await types("AG6")).toContain("action.cancelled");

    // The rescheduled action is a new entry on its day; the old one stays, marked continued.
    await runDailyShard(store(), scope, { runDate: "2026-03-09" });
    const later = await store().listAgenda(scope, {
      runDate: "2026-03-09",
      clientId: CLIENT,
      limit: 1000,
    });
    expect(later.items.filter((item) => item.caseId === "AG5").map((item) => item.status)).toEqual([
      "open",
    ]);
    expect(
      (
        await store().listAgenda(scope, { runDate: TODAY, status: "rescheduled", limit: 1000 })
      ).items.map((item) => item.id),
    ).toContain(entryOf("AG5"));

    const twice = await server.request(
      "/api/agenda/dispositions",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ entryId: entryOf("AG6"), kind: "done", result: "x" }),
      },
      "clerk",
    );
    expect(twice.status).toBe(409);
  });

  it("runs a mass action from a file and names the bad row in the result file", async () => {
    const csv = "caseNumber;activity;note\n2026/AG5;CALL;call again\n2026/NOPE;CALL;unknown case\n";
    const body = new FormData();
    body.set("client", CLIENT);
    body.set("file", new File([csv], "acties.csv", { type: "text/csv" }));
    const answer = await server.request(
      "/agenda/mass-action?lang=en",
      { method: "POST", body },
      "clerk",
    );
    const page = await answer.text();
    expect(answer.status, page).toBe(200);
    const link = /id="result-csv" href="([^"]+)"/.exec(page)?.[1];
    expect(link).toBeDefined();
    const result = await server.request(link ?? "", {}, "clerk");
    expect(result.status).toBe(200);
    const lines = (await result.text()).replace(/^\uFEFF/, "").split("\r\n");
    const bad = lines.find((line) => line.startsWith("3;"));
    expect(bad).toMatch(/error/);
    const good = lines.find((line) => line.startsWith("2;"));
    expect(good).toMatch(/ordered/);
    const json = await server.request((link ?? "").replace(/\.csv$/, ".json"), {}, "clerk");
    expect(((await json.json()) as { rows: unknown[] }).rows).toHaveLength(2);
  });

  it("labels every form field, with no id twice, on each page", async () => {
    for (const path of [
      "/agenda",
      "/agenda?status=all",
      "/agenda/mass-action",
      `/agenda/entry?id=${encodeURIComponent(entryOf("AG2"))}`,
    ])
      checkLabels(await (await server.request(path, {}, "clerk")).text());
  });

  it("speaks nl, fr and en, and is the firm's only", async () => {
    expect(await (await server.request("/agenda?lang=nl", {}, "clerk")).text()).toContain(
      "Geselecteerde goedkeuren",
    );
    expect(await (await server.request("/agenda?lang=fr", {}, "clerk")).text()).toContain(
      "Approuver la sélection",
    );
    expect(await (await server.request("/agenda?lang=en", {}, "clerk")).text()).toContain(
      "Approve selected",
    );
    const portal = await server.request("/api/agenda", {}, "portal");
    expect(portal.status).toBe(403);
  });
});

const store = () => server.services.store;
