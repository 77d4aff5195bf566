// The cases' REST routes: list and open cases, read one with its statement, register payments,
// add notes, propose and agree payment plans, and the "what if" statement. A case outside the
// caller's scope is 404, never 403.
import type { CaseRow } from "@incasso/core";
import { caseEventSchema, IncassoError, Temporal } from "@incasso/core";
import type { Context, Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context.js";
import {
  addNote,
  agreeCasePlan,
  newCaseSchema,
  noteSchema,
  openCase,
  paymentSchema,
  planBodySchema,
  proposeCasePlan,
  registerPayment,
  whatIfSchema,
  whatIfStatement,
} from "../pages/case-actions.js";
import type { LoadedCase } from "../pages/case-data.js";
import {
  FIRM_ROLES,
  loadCase,
  statementDocument,
  statementOf,
  storeProblem,
} from "../pages/case-data.js";
import { authorOf, searchCases } from "../pages/cases.js";
import { apiRoute } from "./api-route.js";
import { problem } from "./problem.js";

const listQuerySchema = z.object({
  q: z.string().min(1).max(200).optional(),
  clientId: z.string().min(1).max(120).optional(),
  owner: z.string().min(1).max(200).optional(),
  status: z.string().min(1).max(200).optional(),
  collectionGroup: z.string().min(1).max(200).optional(),
  sort: z.enum(["case-id", "next-action", "balance", "last-contact"]).optional(),
  after: z.string().min(1).max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

const caseRowSchema = z.object({
  caseId: z.string(),
  clientId: z.string(),
  caseNumber: z.string(),
  owner: z.string(),
  collectionGroup: z.string().nullable(),
  status: z.string(),
  balance: z.string().nullable(),
  daysPastDue: z.number(),
  nextActionDate: z.string().nullable(),
  lastContact: z.string().nullable(),
  version: z.number(),
  asOf: z.string(),
});

const asOfSchema = z.object({ asOf: z.iso.date("expected a date written YYYY-MM-DD").optional() });

async function withCase(
  c: Context<AppEnv>,
  work: (loaded: LoadedCase) => Promise<unknown>,
): Promise<unknown> {
  const caseId = c.req.param("caseId") ?? "";
  const loaded = await loadCase(c.get("services"), c.get("scope"), caseId);
  if (loaded === null) return problem(c, 404, "Not found", `No case ${caseId} in your scope`);
  try {
    return await work(loaded);
  } catch (error) {
    if (error instanceof IncassoError && error.code !== "STORE_UNAVAILABLE")
      return storeProblem(c, error);
    throw error;
  }
}

/**
 * Registers `/api/cases` and the routes of one case.
 *
 * @example
 * ```ts
 * ROUTE_MODULES.push(registerCasesApi);
 * ```
 */
export function registerCasesApi(app: Hono<AppEnv>): void {
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/cases",
      summary:
        "Lists cases: a search (our reference, the client's, an invoice, the debtor) or the store's filters and sorts, a page at a time",
      tag: "cases",
      roles: FIRM_ROLES,
      query: listQuerySchema,
      response: z.object({ items: z.array(caseRowSchema), nextCursor: z.string().nullable() }),
    },
    async (c, { query }) => {
      const services = c.get("services");
      const scope = c.get("scope");
      if (query.q !== undefined) {
        const ids = await searchCases(c, query.q);
        const rows = await Promise.all(
          ids.slice(0, query.limit ?? 100).map((id) => services.store.getCase(scope, id)),
        );
        return { items: rows.filter((row): row is CaseRow => row !== null), nextCursor: null };
      }
      const { q: _q, status, ...rest } = query;
      try {
        return await services.store.listCases(scope, {
          ...rest,
          ...(status === undefined ? {} : { status: status.split(",") as never }),
        });
      } catch (error) {
        if (error instanceof IncassoError && error.code === "INVALID_INPUT")
          return problem(
            c,
            400,
            "Invalid query",
            error.message,
            error.issues.map((issue) => ({
              path: issue.path.replace(/^query\./, ""),
              message: issue.message,
            })),
          );
        throw error;
      }
    },
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/cases",
      summary:
        "Opens a case: case.opened and its claims (the core's debtor and claim schemas) in one append",
      tag: "cases",
      roles: FIRM_ROLES,
      body: newCaseSchema,
      status: 201,
      response: z.object({ caseId: z.string(), caseNumber: z.string() }),
    },
    async (c, { body }) => {
      try {
        const opened = await openCase(c.get("services"), c.get("scope"), authorOf(c), body);
        await c.get("audit")("case.open", opened.caseId);
        return opened;
      } catch (error) {
        if (error instanceof IncassoError && error.code !== "STORE_UNAVAILABLE") {
          if (error.code === "NOT_FOUND")
            return problem(c, 400, "Invalid body", error.message, [
              { path: "client", message: "expected a client of the firm" },
            ]);
          return storeProblem(c, error);
        }
        throw error;
      }
    },
  );

  apiRoute(
    app,
    {
      method: "get",
      path: "/api/cases/:caseId",
      summary:
        "One case: its row, the rule pack's findings, its history, promises, notes, user fields and events",
      tag: "cases",
      roles: FIRM_ROLES,
      response: z.object({ row: caseRowSchema, events: z.array(caseEventSchema) }).loose(),
    },
    (c) =>
      withCase(c, async (loaded) => {
        const resolved = statementOf(loaded, c.get("services").today());
        return {
          row: loaded.row,
          findings: resolved.ok ? resolved.value.findings.map((finding) => ({ ...finding })) : [],
          problem: resolved.ok
            ? null
            : { code: resolved.error.code, message: resolved.error.message },
          history: resolved.ok ? resolved.value.state.history : [],
          promises: resolved.ok ? resolved.value.state.promises : [],
          fields: resolved.ok ? resolved.value.state.fields : {},
          events: loaded.events,
        };
      }),
  );

  apiRoute(
    app,
    {
      method: "get",
      path: "/api/cases/:caseId/statement",
      summary:
        "The statement of a case as of a day (today by default): every interest line with its rates and their sources",
      tag: "cases",
      roles: FIRM_ROLES,
      query: asOfSchema,
    },
    (c, { query }) =>
      withCase(c, async (loaded) => {
        const asOf =
          query.asOf === undefined
            ? c.get("services").today()
            : Temporal.PlainDate.from(query.asOf);
        const resolved = statementOf(loaded, asOf);
        if (!resolved.ok) throw resolved.error;
        return statementDocument(resolved.value.statement);
      }),
  );

  apiRoute(
    app,
    {
      method: "get",
      path: "/api/cases/:caseId/what-if",
      summary: "The statement if the debtor also paid `amount` on `date`; nothing is stored",
      tag: "cases",
      roles: FIRM_ROLES,
      query: whatIfSchema,
    },
    (c, { query }) =>
      withCase(c, async (loaded) =>
        statementDocument(
          whatIfStatement(loaded, c.get("services").today().toString(), query).statement,
        ),
      ),
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/cases/:caseId/payments",
      summary:
        "Registers a payment (payment.received); the rule pack's imputation unless one is given",
      tag: "cases",
      roles: FIRM_ROLES,
      body: paymentSchema,
      status: 201,
      response: z.object({ paymentId: z.string(), version: z.number().int(), balance: z.string() }),
    },
    (c, { body }) =>
      withCase(c, async (loaded) => {
        const result = await registerPayment(
          c.get("services"),
          c.get("scope"),
          authorOf(c),
          loaded,
          body,
        );
        await c.get("audit")("case.payment", loaded.row.caseId);
        const row = await c.get("services").store.getCase(c.get("scope"), loaded.row.caseId);
        return { ...result, balance: row?.balance ?? null };
      }),
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/cases/:caseId/notes",
      summary: "Adds a note (note.added) and/or sets user fields (fields.set)",
      tag: "cases",
      roles: FIRM_ROLES,
      body: noteSchema,
      status: 201,
      response: z.object({ version: z.number().int() }),
    },
    (c, { body }) =>
      withCase(c, async (loaded) => {
        const result = await addNote(c.get("services"), c.get("scope"), authorOf(c), loaded, body);
        await c.get("audit")("case.note", loaded.row.caseId);
        return result;
      }),
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/cases/:caseId/plan",
      summary:
        "Proposes a payment plan from the balance of today, or agrees it (plan.agreed and its agreement letter as PDF)",
      tag: "cases",
      roles: FIRM_ROLES,
      body: planBodySchema,
    },
    (c, { body }) =>
      withCase(c, async (loaded) => {
        const today = c.get("services").today().toString();
        if (body.action === "propose") {
          const result = proposeCasePlan(loaded, today, body.request);
          if (!result.ok)
            return problem(c, 400, "Plan refused", result.message, [
              { path: "request", message: `${result.code}: ${result.message}` },
            ]);
          return { plan: result.plan };
        }
        const agreed = await agreeCasePlan(
          c.get("services"),
          c.get("scope"),
          authorOf(c),
          loaded,
          body.request,
        );
        await c.get("audit")("case.plan.agree", loaded.row.caseId);
        return {
          plan: agreed.plan,
          letterId: agreed.letterId,
          letter: `/cases/${encodeURIComponent(loaded.row.caseId)}/letters/${encodeURIComponent(agreed.letterId)}.pdf`,
          version: agreed.version,
        };
      }),
  );
}
