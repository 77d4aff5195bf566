// The outbox, reports and rates API of the work pages.

import { builtInRateTables, rateTablesOverview } from "@incasso/core";
import type { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context.js";
import { agingRequestOf } from "../pages/work-reports.js";
import { keptMailOf, OUTBOX_STATUSES, outboxMessages, retryMessage } from "../work/outbox-work.js";
import { loadRateTables, readRatesFileText, saveRatesFile } from "../work/rates-file.js";
import { agingJson, agingReport } from "../work/reports-work.js";
import { errorsOf } from "../work/work-files.js";
import { apiRoute } from "./api-route.js";
import { problem } from "./problem.js";

const FIRM = ["clerk", "lawyer", "admin"] as const;

const outboxQuery = z.strictObject({
  status: z.enum(OUTBOX_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

const agingQuery = z.strictObject({
  groupBy: z.enum(["client", "owner", "collection-group"]).default("client"),
  by: z.enum(["due-date", "invoice-date"]).default("due-date"),
  asOf: z.iso.date({ message: "expected a date YYYY-MM-DD" }).optional(),
});

/**
 * The work API besides import, bank and bailiff: `GET /api/work/outbox` (messages by status, with
 * the reason of each failure and the kept e-mail), `POST /api/work/outbox/retry`,
 * `GET /api/work/reports/aging` (aging, totals and KPIs), `GET /api/work/rates` (every table with
 * its entries) and `PUT /api/work/rates` (admin: a new rates file). Firm roles only.
 *
 * @example
 * ```ts
 * workReportsApi(app);
 * ```
 */
export function workReportsApi(app: Hono<AppEnv>): void {
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/work/outbox",
      summary: "The outbox: pending, claimed, sent and failed (dead-letter) messages with reasons",
      tag: "work",
      roles: FIRM,
      query: outboxQuery,
    },
    async (c, { query }) => {
      const messages = await outboxMessages(
        c.get("services"),
        c.get("scope"),
        query.status,
        query.limit,
      );
      return messages.map((message) => {
        const mail = keptMailOf(message);
        return { ...message, mail: mail === null ? null : `/mail/${mail}` };
      });
    },
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/work/outbox/retry",
      summary: "Queues a failed message again as a new message, noted on its case",
      tag: "work",
      roles: FIRM,
      body: z.strictObject({ id: z.string().min(1).max(500) }),
      status: 201,
    },
    async (c, { body }) => {
      try {
        const queued = await retryMessage(
          c.get("services"),
          c.get("scope"),
          c.get("user"),
          body.id,
        );
        await c.get("audit")("outbox.retry", body.id, { queued: queued.id });
        return queued;
      } catch (error) {
        const errors = errorsOf(error, "id");
        const notFound = error instanceof Error && "code" in error && error.code === "NOT_FOUND";
        return problem(c, notFound ? 404 : 400, "Retry refused", undefined, errors);
      }
    },
  );

  apiRoute(
    app,
    {
      method: "get",
      path: "/api/work/reports/aging",
      summary: "Aging of the open amounts by client, owner or collection group, with the KPIs",
      tag: "work",
      roles: FIRM,
      query: agingQuery,
    },
    async (c, { query }) => {
      const services = c.get("services");
      const request = agingRequestOf(query, services.today());
      if ("errors" in request) return problem(c, 400, "Invalid query", undefined, request.errors);
      return agingJson(await agingReport(services, c.get("scope"), request));
    },
  );

  apiRoute(
    app,
    {
      method: "get",
      path: "/api/work/rates",
      summary: "Every rate table in use (built in and the rates file) with its entries",
      tag: "work",
      roles: FIRM,
    },
    async (c) => {
      const services = c.get("services");
      const tables = await loadRateTables(services.dataDir);
      const today = services.today();
      const stops = new Map(
        rateTablesOverview(tables, today).map((row) => [row.id, row.stopsBefore]),
      );
      return {
        asOf: today.toString(),
        ratesFile: (await readRatesFileText(services.dataDir)) !== null,
        builtIn: [...builtInRateTables().keys()],
        tables: [...tables.values()].map((table) => ({
          id: table.id,
          name: table.name,
          source: table.source,
          trustedUntil: table.trustedUntil.toString(),
          stopsBefore: stops.get(table.id) ?? false,
          ...(table.derivation === undefined ? {} : { derivation: table.derivation }),
          entries: table.entries.map((entry) => ({
            from: entry.from.toString(),
            rate: entry.rate.toString(),
            status: entry.status,
            source: entry.source,
          })),
        })),
      };
    },
  );

  apiRoute(
    app,
    {
      method: "put",
      path: "/api/work/rates",
      summary: "Replaces the rates file (admin), validated with the core's rates-file schema",
      tag: "work",
      roles: ["admin"],
      body: z
        .record(z.string(), z.unknown())
        .describe("a rates file: { tables: { <id>: { trustedUntil, entries } } }"),
    },
    async (c, { body }) => {
      try {
        const tables = await saveRatesFile(
          c.get("services").dataDir,
          JSON.stringify(body, null, 2),
        );
        await c.get("audit")("rates.file.saved", "api");
        return { tables: [...tables.keys()] };
      } catch (error) {
        return problem(c, 400, "Invalid rates file", undefined, errorsOf(error, "rates"));
      }
    },
  );
}
