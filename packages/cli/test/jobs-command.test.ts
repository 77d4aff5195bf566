import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../src/main.js";
import { openStore } from "../src/open-store.js";

const dir = mkdtempSync(join(tmpdir(), "incasso-jobs-"));
const db = join(dir, "db");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const at = (id: string, date: string) => ({
  id,
  at: date,
  recordedAt: `${date}T09:00:00Z`,
  by: "clerk",
});

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

beforeAll(async () => {
  const { store, scope, close } = await openStore(db, "firm-1");
  await store.putClient(scope, { id: "acme", name: "Acme NV" });
  for (const [caseId, owner] of [
    ["C1", "an.peeters"],
    ["C2", "luc.dubois"],
  ] as const)
    await store.append(scope, {
      caseId,
      expectedVersion: 0,
      asOf: "2026-02-10",
      events: [
        {
          ...at("e1", "2026-01-10"),
          type: "case.opened",
          caseNumber: `2026/${caseId}`,
          client: { id: "acme", name: "Acme NV" },
          debtors: [
            {
              id: `D-${caseId}`,
              kind: "natural-person",
              name: "Jan Peeters",
              language: "nl",
              consumer: true,
              contacts: [
                {
                  id: "M1",
                  kind: "email",
                  value: `${caseId.toLowerCase()}@example.be`,
                  source: "client",
                  date: "2026-01-10",
                },
              ],
            },
          ],
          owner,
          lawyer: owner,
          rulePack: "be.b2b",
        },
        {
          ...at("e2", "2026-01-10"),
          type: "claim.added",
          claim: {
            id: "F1",
            invoiceNumber: "F-1",
            invoiceDate: "2025-11-01",
            dueDate: "2025-12-01",
            amount: "900.00",
          },
        },
        {
          ...at("e3", "2026-02-10"),
          type: "plan.agreed",
          planId: "plan-1",
          description: "three monthly instalments",
          plan: {
            id: "plan-1",
            amount: "900.00",
            agreedOn: "2026-02-10",
            firstDueDate: "2026-03-02",
            frequency: "monthly",
            schedule: { count: 3 },
          },
          reminders: { channel: caseId === "C1" ? "email" : "sms", before: [3] },
        },
      ],
    });
  await close();
});

describe("incasso reminders run and incasso alerts run", () => {
  it("writes the reminders due on a date once, listing what it skipped, and a rerun writes nothing", async () => {
    const first = await cli(
      "reminders",
      "run",
      "--date",
      "2026-02-27",
      "--db",
      db,
      "--tenant",
      "firm-1",
    );
    expect(first).toMatchObject({ code: 0, err: [] });
    expect(first.out).toEqual([
      `instalment reminders of 2026-02-27 in ${db}: 2 cases under a plan, 1 written on 1 case, 0 written before`,
      "  2026/C2 (C2): NO_CURRENT_CONTACT: no current phone number of debtor D-C2 for the reminder of instalment 1 due 2026-03-02",
    ]);
    const again = await cli(
      "reminders",
      "run",
      "--date",
      "2026-02-27",
      "--db",
      db,
      "--tenant",
      "firm-1",
      "--json",
    );
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out.join("\n"))).toMatchObject({ written: 0, alreadyWritten: 1 });
  });

  it("writes the owners' alerts of the day from the failed messages, and exits 1 for an owner not in the directory", async () => {
    {
      const { store, scope, close } = await openStore(db, "firm-1");
      const [message] = await store.claimOutbox(scope, {
        worker: "w1",
        now: "2026-02-27T08:00:00Z",
      });
      expect(message?.id).toBe("rem:C1:plan-1:1:before:2026-02-27");
      await store.completeOutbox(scope, {
        id: message?.id ?? "",
        worker: "w1",
        outcome: "failed",
        at: "2026-02-27T08:00:01Z",
        detail: "550 5.1.1 user unknown",
      });
      await close();
    }
    const owners = join(dir, "owners.json");
    writeFileSync(
      owners,
      JSON.stringify({ "luc.dubois": { address: "luc@firm.example", language: "fr" } }),
    );
    const unknown = await cli(
      "alerts",
      "run",
      "--date",
      "2026-02-27",
      "--owners",
      owners,
      "--db",
      db,
      "--tenant",
      "firm-1",
    );
    expect(unknown.code).toBe(1);
    expect(unknown.out).toEqual([
      `owner alerts of 2026-02-27 in ${db}: 1 failed, 0 still waiting; 0 alerts written`,
      `  owner an.peeters is not in ${owners}: 1 item not alerted`,
    ]);
    writeFileSync(
      owners,
      JSON.stringify({ owners: { "an.peeters": { address: "an@firm.example", language: "nl" } } }),
    );
    const known = await cli(
      "alerts",
      "run",
      "--date",
      "2026-02-27",
      "--owners",
      owners,
      "--db",
      db,
      "--tenant",
      "firm-1",
    );
    expect(known.out).toEqual([
      `owner alerts of 2026-02-27 in ${db}: 1 failed, 0 still waiting; 1 alert written`,
      "  alert to an@firm.example (an.peeters)",
    ]);
    expect(known.code).toBe(0);
  });

  it("answers bad usage with exit code 2 naming the option", async () => {
    expect(await cli("reminders", "run", "--db", db)).toMatchObject({
      code: 2,
      err: ["reminders: expected --date YYYY-MM-DD"],
    });
    expect((await cli("reminders", "go", "--date", "2026-02-27")).err).toEqual([
      'reminders: expected "run" (got "go")',
    ]);
    expect((await cli("alerts", "run", "--date", "2026-02-31", "--owners", "x.json")).err).toEqual([
      "alerts: --date: expected a date written YYYY-MM-DD, got 2026-02-31",
    ]);
    expect((await cli("alerts", "run", "--date", "2026-02-27", "--db", db)).code).toBe(2);
  });
});
