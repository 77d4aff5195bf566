// The agenda's REST routes: today's entries with the core's figures (filters and sorts as the
// page), the bulk approval and the dispositions.
import { agendaRecordSchema, IncassoError } from "@incasso/core";
import type { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context.js";
import {
  agendaFilterSchema,
  approveAgendaEntries,
  disposeEntryNow,
  dispositionSchema,
  loadAgenda,
} from "../pages/agenda-actions.js";
import { FIRM_ROLES, storeProblem } from "../pages/case-data.js";
import { apiRoute } from "./api-route.js";

const amountsSchema = z.object({
  balance: z.string(),
  principal: z.string(),
  interest: z.string(),
  costs: z.string(),
});

const agendaLineSchema = z.object({
  entry: agendaRecordSchema,
  caseNumber: z.string(),
  daysOverdue: z.number().int().nullable(),
  amounts: amountsSchema.nullable(),
});

const approveBodySchema = z.strictObject({
  entryIds: z
    .array(z.string().min(1).max(500))
    .min(1, { message: "expected at least one entry id" })
    .max(500, { message: "expected at most 500 entries in one approval" }),
});

const approvalOutcomeSchema = z.object({
  entryId: z.string(),
  caseId: z.string().nullable(),
  status: z.enum(["approved", "skipped", "failed"]),
  queued: z.array(z.string()),
  letters: z.array(z.string()),
  reason: z.string().nullable(),
});

/**
 * Registers `GET /api/agenda`, `POST /api/agenda/approve` and `POST /api/agenda/dispositions`.
 *
 * @example
 * ```ts
 * ROUTE_MODULES.push(registerAgendaApi);
 * ```
 */
export function registerAgendaApi(app: Hono<AppEnv>): void {
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/agenda",
      summary: "Today's agenda: the stored entries of the daily run, filtered and sorted",
      tag: "agenda",
      roles: FIRM_ROLES,
      query: agendaFilterSchema,
      response: z.object({
        runDate: z.string(),
        capped: z.boolean(),
        total: z.number().int(),
        page: z.number().int(),
        pages: z.number().int(),
        items: z.array(agendaLineSchema),
      }),
    },
    async (c, { query }) => {
      const { runDate, lines, capped, total, page, pages } = await loadAgenda(
        c.get("services"),
        c.get("scope"),
        query,
      );
      return {
        runDate,
        capped,
        total,
        page,
        pages,
        items: lines.map((line) => ({
          entry: line.record,
          caseNumber: line.caseNumber,
          daysOverdue: line.entry?.daysOverdue ?? null,
          amounts:
            line.entry === null
              ? null
              : {
                  balance: line.entry.amounts.balance.toFixed(2),
                  principal: line.entry.amounts.principal.toFixed(2),
                  interest: line.entry.amounts.interest.toFixed(2),
                  costs: line.entry.amounts.costs.toFixed(2),
                },
        })),
      };
    },
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/agenda/approve",
      summary:
        "Approves entries of today: per case one append of the approval's events, the letters by post rendered now and the e-mails, SMS and letters by e-mail queued in the outbox",
      tag: "agenda",
      roles: FIRM_ROLES,
      body: approveBodySchema,
      response: z.object({ outcomes: z.array(approvalOutcomeSchema) }),
    },
    async (c, { body }) => {
      const outcomes = await approveAgendaEntries(
        c.get("services"),
        c.get("scope"),
        c.get("user").userId,
        body.entryIds,
      );
      await c.get("audit")("agenda.approve", undefined, {
        entries: body.entryIds,
        approved: outcomes.filter((outcome) => outcome.status === "approved").length,
      });
      return { outcomes };
    },
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/agenda/dispositions",
      summary:
        "Disposes of an open entry: done, rescheduled (a new entry on the date; this one continued) or cancelled",
      tag: "agenda",
      roles: FIRM_ROLES,
      body: dispositionSchema,
      response: z.object({ entry: agendaRecordSchema, version: z.number().int() }),
    },
    async (c, { body }) => {
      try {
        const result = await disposeEntryNow(
          c.get("services"),
          c.get("scope"),
          c.get("user").userId,
          body,
        );
        return result;
      } catch (error) {
        if (error instanceof IncassoError) return storeProblem(c, error);
        throw error;
      }
    },
  );
}
