// The bank API: upload statements (matched and recorded as on the page), read a batch back, and
// review a proposed or unmatched entry.

import { IncassoError } from "@incasso/core";
import type { ReviewDecision } from "@incasso/import-bank";
import type { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context.js";
import {
  bankClients,
  caseIdOf,
  importStatements,
  readBankBatch,
  reviewBankEntry,
} from "../work/bank-work.js";
import { errorsOf } from "../work/work-files.js";
import { apiRoute } from "./api-route.js";
import { problem } from "./problem.js";

const FIRM = ["clerk", "lawyer", "admin"] as const;

const uploadBody = z.strictObject({
  clientId: z
    .string()
    .min(1)
    .max(128)
    .optional()
    .describe("the client the batch is kept under (default: the tenant's first client)"),
  files: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(500),
        content: z.base64().min(1).describe("the file's bytes, base64"),
      }),
    )
    .min(1)
    .max(100),
});

const reviewBody = z.strictObject({
  row: z.number().int().min(1),
  decision: z.discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("accept") }),
    z.strictObject({
      kind: z.literal("reassign"),
      case: z.string().min(1).max(200).describe("the case number or case id"),
      paymentId: z.string().min(1).max(128).optional(),
    }),
    z.strictObject({ kind: z.literal("reject"), reason: z.string().min(1).max(10_000) }),
  ]),
});

const statusOf = (error: unknown) =>
  error instanceof IncassoError && error.code === "NOT_FOUND" ? 404 : 400;

/**
 * The bank API: `POST /api/work/bank` (statements in base64: matched, recorded, the batch's
 * entries and totals answered), `GET /api/work/bank/:batchId` and
 * `POST /api/work/bank/:batchId/review`. Firm roles only.
 *
 * @example
 * ```ts
 * workBankApi(app);
 * ```
 */
export function workBankApi(app: Hono<AppEnv>): void {
  apiRoute(
    app,
    {
      method: "post",
      path: "/api/work/bank",
      summary:
        "Reads bank statements (CODA, camt.053/054, MT940, ZIP), matches and records payments",
      tag: "work",
      roles: FIRM,
      body: uploadBody,
      status: 201,
    },
    async (c, { body }) => {
      const files = body.files.map((file) => ({
        name: file.name,
        bytes: new Uint8Array(Buffer.from(file.content, "base64")),
      }));
      try {
        const { result, findings } = await importStatements(
          c.get("services"),
          c.get("scope"),
          c.get("user"),
          body.clientId ?? (await bankClients(c.get("services"), c.get("scope")))[0]?.id ?? "",
          files,
        );
        await c.get("audit")("bank.import", result.batchId, { ...result.totals });
        return { ...result, findings };
      } catch (error) {
        return problem(c, 400, "Invalid bank file", undefined, errorsOf(error, "files"));
      }
    },
  );

  apiRoute(
    app,
    {
      method: "get",
      path: "/api/work/bank/:batchId",
      summary: "A bank import batch: its entries with their match and review, and the findings",
      tag: "work",
      roles: FIRM,
    },
    async (c) => {
      const batch = await readBankBatch(
        c.get("services"),
        c.get("scope"),
        c.req.param("batchId") ?? "",
      );
      return batch ?? problem(c, 404, "Not found", "No such bank import in your scope");
    },
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/work/bank/:batchId/review",
      summary: "Reviews a proposed or unmatched entry: accept, assign to a case, or reject",
      tag: "work",
      roles: FIRM,
      body: reviewBody,
    },
    async (c, { body }) => {
      const services = c.get("services");
      const scope = c.get("scope");
      const batchId = c.req.param("batchId") ?? "";
      let decision: ReviewDecision;
      if (body.decision.kind === "reassign") {
        const caseId = await caseIdOf(services, scope, body.decision.case);
        if (caseId === null)
          return problem(c, 400, "Invalid body", undefined, [
            {
              path: "decision.case",
              message: `expected a case in your scope (${body.decision.case})`,
            },
          ]);
        decision = {
          kind: "reassign",
          caseId,
          ...(body.decision.paymentId === undefined ? {} : { paymentId: body.decision.paymentId }),
        };
      } else decision = body.decision;
      try {
        const result = await reviewBankEntry(
          services,
          scope,
          c.get("user"),
          batchId,
          body.row,
          decision,
        );
        await c.get("audit")("bank.review", `${batchId}/${body.row}`, { decision });
        return result;
      } catch (error) {
        return problem(
          c,
          statusOf(error),
          "Review refused",
          undefined,
          errorsOf(error, "decision"),
        );
      }
    },
  );
}
