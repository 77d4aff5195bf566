// The demo data: a Belgian firm with a B2B client and a client whose debtors are consumers, a
// Dutch firm with a B2B client, their users, and cases at every stage. Idempotent: seeding again
// changes nothing.

import { runDailyShard } from "@incasso/core";
import { createUser } from "../auth/users.js";
import { putFirm } from "../server-schema/firms.js";
import type { ReferenceServices } from "../services.js";
import { demoCases, NL_B2B_SCENARIO } from "./cases.js";
import { DEMO_CLIENTS, DEMO_LOGINS, DEMO_TENANTS } from "./logins.js";
import { BE_SCENARIOS } from "./scenarios.js";

/** What {@link seedDemo} did. */
export interface SeedReport {
  readonly firms: number;
  readonly users: number;
  readonly cases: number;
}

/**
 * Seeds the demo firms, clients and users (what exists already is left as it is).
 *
 * @example
 * ```ts
 * const report = await seedDemo(services);
 * ```
 */
export async function seedDemo(services: ReferenceServices): Promise<SeedReport> {
  const at = services.now().toString();
  await putFirm(
    services.sql,
    {
      tenantId: DEMO_TENANTS.belgium,
      name: "Advocatenkantoor Peeters",
      country: "BE",
      timeZone: "Europe/Brussels",
      mailFrom: { name: "Advocatenkantoor Peeters", address: "dossiers@peeters.example" },
    },
    at,
  );
  await putFirm(
    services.sql,
    {
      tenantId: DEMO_TENANTS.netherlands,
      name: "De Vries Incasso Advocaten",
      country: "NL",
      timeZone: "Europe/Amsterdam",
      mailFrom: { name: "De Vries Incasso Advocaten", address: "incasso@devries.example" },
    },
    at,
  );
  await services.refreshFirms();
  const be = { tenantId: DEMO_TENANTS.belgium };
  const nl = { tenantId: DEMO_TENANTS.netherlands };
  if ((await services.store.getClient(be, DEMO_CLIENTS.beB2b)) === null)
    await services.store.putClient(be, {
      id: DEMO_CLIENTS.beB2b,
      name: "Acme Bouw NV",
      reference: "0412.345.614",
    });
  if ((await services.store.getClient(be, DEMO_CLIENTS.beConsumer)) === null)
    await services.store.putClient(be, {
      id: DEMO_CLIENTS.beConsumer,
      name: "FitLife Fitnesscentra BV",
      reference: "0598.765.459",
    });
  if ((await services.store.getClient(nl, DEMO_CLIENTS.nlB2b)) === null)
    await services.store.putClient(nl, {
      id: DEMO_CLIENTS.nlB2b,
      name: "Hollandse Handel B.V.",
      reference: "KvK 12345678",
    });
  for (const scenario of BE_SCENARIOS) {
    for (const clientId of [DEMO_CLIENTS.beB2b, DEMO_CLIENTS.beConsumer])
      await services.store.putScenario(be, clientId, scenario);
  }
  await services.store.putScenario(nl, DEMO_CLIENTS.nlB2b, NL_B2B_SCENARIO);
  await services.store.putTerms(be, DEMO_CLIENTS.beB2b, { defaultScenario: "be-b2b" });
  await services.store.putTerms(be, DEMO_CLIENTS.beConsumer, { defaultScenario: "be-consumer" });
  await services.store.putTerms(nl, DEMO_CLIENTS.nlB2b, { defaultScenario: "nl-b2b" });
  let users = 0;
  for (const login of DEMO_LOGINS) {
    const exists = await services.inTenant(
      login.tenant,
      async (tx) =>
        (
          await tx.query("SELECT 1 FROM users WHERE tenant_id = $1 AND user_id = $2", [
            login.tenant,
            login.userId,
          ])
        ).rows.length > 0,
    );
    if (exists) continue;
    await createUser(services, login.tenant, {
      userId: login.userId,
      email: login.email,
      name: login.name,
      role: login.role,
      clientId: login.client,
      language: login.language,
      password: login.password,
    });
    users += 1;
  }
  const today = services.today();
  let cases = 0;
  for (const demo of demoCases(today)) {
    const scope = { tenantId: demo.tenantId };
    if ((await services.store.readEvents(scope, demo.caseId)).length > 0) continue;
    await services.store.append(scope, {
      caseId: demo.caseId,
      expectedVersion: 0,
      events: demo.events,
      idempotencyKey: `demo.${demo.caseId}`,
      asOf: today.toString(),
    });
    cases += 1;
  }
  // The daily run of each firm, so that the agenda has today's work.
  for (const tenantId of [DEMO_TENANTS.belgium, DEMO_TENANTS.netherlands])
    await runDailyShard(services.store, { tenantId }, { runDate: today.toString() });
  return { firms: 2, users, cases };
}
