// The client portal's REST API (role portal; the column settings: admin): the client's cases as
// JSON, one case with its statement as of today and its shared history, the list as CSV or XLSX,
// handing in a new case (JSON, invoices' PDF files in base64), and the firm's per-client choice of
// columns. Every read is in the portal user's store scope: another client's case, or a crafted
// query naming another client or its case, is 404 (never 403, never its data).
import type { Context, Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context.js";
import {
  allPortalCases,
  listPortalCases,
  PortalNotFound,
  portalCase,
  portalListQuerySchema,
} from "../pages/portal-cases.js";
import {
  PORTAL_COLUMNS,
  portalColumns,
  portalSettingsSchema,
  setPortalColumns,
} from "../pages/portal-columns.js";
import { portalCsv, portalXlsx } from "../pages/portal-export.js";
import { handInCase, portalDocuments, portalIntakeSchema } from "../pages/portal-intake.js";
import { historyLine } from "../pages/portal-text.js";
import { apiRoute } from "./api-route.js";
import { problem } from "./problem.js";

const caseLineSchema = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  clientReference: z.string().nullable(),
  debtor: z.string(),
  openedOn: z.string(),
  status: z.string(),
  principal: z.string(),
  paid: z.string(),
  balance: z.string().nullable(),
  balanceAsOf: z.string(),
  daysPastDue: z.number(),
  agingBucket: z.string(),
  lastContact: z.string().nullable(),
  nextAction: z.string().nullable(),
});

/** Hono's `query()` keeps one value of a repeated parameter: the list query takes them all. */
const withAllCaseIds = <Q extends { caseId?: string | string[] | undefined }>(
  c: Context<AppEnv>,
  query: Q,
): Q => {
  const ids = c.req.queries("caseId");
  return ids === undefined || ids.length < 2 ? query : { ...query, caseId: ids };
};

const scopeOf = (c: Context<AppEnv>) => {
  const user = c.get("user");
  return { tenantId: user.tenantId, clientId: user.clientId ?? "" };
};

const exportQuerySchema = portalListQuerySchema.omit({ after: true, limit: true });

const intakeBodySchema = portalIntakeSchema.extend({
  /** The client's token of this submission: sending it again answers the same case. */
  submission: z.string().regex(/^[A-Za-z0-9_-]{16,80}$/, {
    message: "expected a token of 16 to 80 characters among A-Z a-z 0-9 _ -",
  }),
  documents: z
    .array(
      z.strictObject({
        invoice: z.number().int().min(0).max(19),
        fileName: z.string().min(1).max(200),
        contentBase64: z.string().min(1).max(15_000_000),
      }),
    )
    .max(20)
    .default([]),
});

/**
 * Registers the portal's API routes.
 *
 * @example
 * ```ts
 * const app = new Hono<AppEnv>();
 * portalApi(app);
 * ```
 */
export function portalApi(app: Hono<AppEnv>): void {
  const exportList = async (
    c: Context<AppEnv>,
    query: z.output<typeof exportQuerySchema>,
    format: "csv" | "xlsx",
  ) => {
    const scope = scopeOf(c);
    const services = c.get("services");
    let result: Awaited<ReturnType<typeof allPortalCases>>;
    try {
      result = await allPortalCases(services, scope, { ...withAllCaseIds(c, query), limit: 200 });
    } catch (error) {
      if (error instanceof PortalNotFound) return problem(c, 404, "Not found", error.message);
      throw error;
    }
    const columns = await portalColumns(services, scope.tenantId, scope.clientId);
    const lang = query.lang ?? c.get("lang");
    await c.get("audit")(`portal.export.${format}`, undefined, {
      state: query.state,
      q: query.q ?? null,
      rows: result.lines.length,
    });
    const day = services.today().toString();
    const headers: Record<string, string> = {
      "content-disposition": `attachment; filename="cases-${day}.${format}"`,
      "cache-control": "no-store",
      ...(result.truncated ? { "x-incasso-truncated": "true" } : {}),
    };
    if (format === "csv")
      return c.body(portalCsv(lang, columns, result.lines), 200, {
        ...headers,
        "content-type": "text/csv; charset=utf-8",
      });
    const bytes = await portalXlsx(lang, columns, result.lines);
    return c.body(new Uint8Array(bytes), 200, {
      ...headers,
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    });
  };

  // The exports first: /api/portal/cases/:caseId would not take them, but their paths are clearer.
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/portal/cases.csv",
      summary: "The client's case list as CSV (UTF-8 with BOM, ';', formulas neutralised)",
      tag: "portal",
      roles: ["portal"],
      query: exportQuerySchema,
    },
    (c, { query }) => exportList(c, query, "csv"),
  );
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/portal/cases.xlsx",
      summary: "The client's case list as an XLSX workbook",
      tag: "portal",
      roles: ["portal"],
      query: exportQuerySchema,
    },
    (c, { query }) => exportList(c, query, "xlsx"),
  );

  apiRoute(
    app,
    {
      method: "get",
      path: "/api/portal/cases",
      summary: "The client's cases, open or closed, searched by our reference or theirs",
      tag: "portal",
      roles: ["portal"],
      query: portalListQuerySchema,
      response: z.object({ items: z.array(caseLineSchema), nextCursor: z.string().nullable() }),
    },
    async (c, { query }) => {
      const scope = scopeOf(c);
      let page: Awaited<ReturnType<typeof listPortalCases>>;
      try {
        page = await listPortalCases(c.get("services"), scope, withAllCaseIds(c, query));
      } catch (error) {
        if (error instanceof PortalNotFound) return problem(c, 404, "Not found", error.message);
        throw error;
      }
      await c.get("audit")("portal.list", undefined, { state: query.state, q: query.q ?? null });
      return {
        items: page.lines.map(({ row, facts }) => ({
          caseId: row.caseId,
          caseNumber: row.caseNumber,
          clientReference: facts.clientReference,
          debtor: facts.debtor,
          openedOn: facts.openedOn,
          status: row.status,
          principal: facts.principal,
          paid: facts.paid,
          balance: row.balance,
          balanceAsOf: row.asOf,
          daysPastDue: row.daysPastDue,
          agingBucket: row.agingBucket,
          lastContact: row.lastContact,
          nextAction: row.nextActionDate,
        })),
        nextCursor: page.nextCursor,
      };
    },
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/portal/cases",
      summary: "Hands in a new case for the client, with its invoices and their PDF files",
      tag: "portal",
      roles: ["portal"],
      body: intakeBodySchema,
      status: 201,
      response: z.object({ caseId: z.string(), caseNumber: z.string(), replayed: z.boolean() }),
    },
    async (c, { body }) => {
      const { submission, documents, ...intake } = body;
      const files = documents.map((document) => ({
        invoice: document.invoice,
        fileName: document.fileName,
        type: "application/pdf",
        bytes: new Uint8Array(Buffer.from(document.contentBase64, "base64")),
      }));
      for (const file of files)
        if (file.invoice >= intake.invoices.length)
          return problem(c, 400, "Invalid body", undefined, [
            { path: "documents", message: "expected each document to name one of the invoices" },
          ]);
      // The schema has parsed the intake already: hand in its input form again (amounts normalised).
      const result = await handInCase(c.get("services"), c.get("user"), submission, intake, files);
      if (!result.ok) return problem(c, 400, "Invalid body", undefined, result.issues);
      await c.get("audit")("portal.intake", result.caseId, {
        caseNumber: result.caseNumber,
        replayed: result.replayed,
      });
      return c.json(
        { caseId: result.caseId, caseNumber: result.caseNumber, replayed: result.replayed },
        result.replayed ? 200 : 201,
      );
    },
  );

  apiRoute(
    app,
    {
      method: "get",
      path: "/api/portal/cases/:caseId",
      summary: "One case of the client: statement as of today, shared history, documents",
      tag: "portal",
      roles: ["portal"],
    },
    async (c) => {
      const scope = scopeOf(c);
      const services = c.get("services");
      const caseId = c.req.param("caseId") ?? "";
      const detail = await portalCase(services, scope, caseId);
      if (detail === null) return problem(c, 404, "Not found", `No case ${caseId} in your scope`);
      await c.get("audit")("portal.case", caseId);
      const lang = c.get("lang");
      const statement = detail.statement;
      const invoices = new Map(statement?.state.claims.map((claim) => [claim.id, claim]) ?? []);
      return {
        caseId,
        caseNumber: detail.row.caseNumber,
        clientReference: detail.facts.clientReference,
        debtor: detail.facts.debtor,
        openedOn: detail.facts.openedOn,
        status: detail.row.status,
        statement:
          statement === null
            ? null
            : {
                asOf: statement.statement.asOf.toString(),
                totals: Object.fromEntries(
                  Object.entries(statement.statement.totals).map(([key, value]) => [
                    key,
                    value.toFixed(2),
                  ]),
                ),
                claims: statement.statement.claims.map((claim) => ({
                  invoiceNumber: invoices.get(claim.id)?.invoiceNumber ?? claim.id,
                  dueDate: claim.dueDate.toString(),
                  amount: claim.originalPrincipal.toFixed(2),
                  openPrincipal: claim.principal.toFixed(2),
                  interest: claim.interest.toFixed(2),
                })),
              },
        statementProblem: detail.statementProblem,
        history: detail.events.map((event) => ({
          at: event.at,
          type: event.type,
          text: historyLine(lang, event),
        })),
        documents: await portalDocuments(services, scope.tenantId, scope.clientId, caseId),
      };
    },
  );

  apiRoute(
    app,
    {
      method: "get",
      path: "/api/portal-settings/:clientId",
      summary: "The columns a client's portal shows (firm users)",
      tag: "portal",
      roles: ["admin", "clerk", "lawyer"],
      response: portalSettingsSchema,
    },
    async (c) => {
      const user = c.get("user");
      const clientId = c.req.param("clientId") ?? "";
      const client = await c.get("services").store.getClient(c.get("scope"), clientId);
      if (client === null) return problem(c, 404, "Not found", `No client ${clientId}`);
      return { columns: await portalColumns(c.get("services"), user.tenantId, clientId) };
    },
  );

  apiRoute(
    app,
    {
      method: "put",
      path: "/api/portal-settings/:clientId",
      summary: `Chooses the columns of a client's portal (admin): any of ${PORTAL_COLUMNS.join(", ")}`,
      tag: "portal",
      roles: ["admin"],
      body: portalSettingsSchema,
      response: portalSettingsSchema,
    },
    async (c, { body }) => {
      const user = c.get("user");
      const clientId = c.req.param("clientId") ?? "";
      const client = await c.get("services").store.getClient(c.get("scope"), clientId);
      if (client === null) return problem(c, 404, "Not found", `No client ${clientId}`);
      await setPortalColumns(c.get("services"), user.tenantId, clientId, body.columns, user.userId);
      await c.get("audit")("portal.settings", clientId, { columns: body.columns });
      return { columns: body.columns };
    },
  );
}
