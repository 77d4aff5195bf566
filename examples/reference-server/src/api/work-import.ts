// The import API: the dry run (answered at once), the apply (in the background, 202 with its
// progress URL), and the progress and result of an apply.
import { parseImportProfile } from "@incasso/import-csv";
import type { Context, Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context.js";
import { dryRun, findImportJob, progressOf, startApply } from "../work/import-jobs.js";
import { errorsOf, findProfile } from "../work/work-files.js";
import { apiRoute } from "./api-route.js";
import { problem } from "./problem.js";

const FIRM = ["clerk", "lawyer", "admin"] as const;

const importBody = z
  .strictObject({
    profileId: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe("the id of an import profile kept by the firm"),
    profile: z
      .record(z.string(), z.unknown())
      .optional()
      .describe("an import profile given whole (docs/import.md)"),
    fileName: z.string().min(1).max(500).describe("the client's file name"),
    content: z.base64().min(1).describe("the client's file (CSV or XLSX), base64"),
  })
  .refine((body) => (body.profileId === undefined) !== (body.profile === undefined), {
    message: "expected either profileId or profile",
    path: ["profileId"],
  });

type ImportBody = z.output<typeof importBody>;

async function inputOf(c: Context<AppEnv>, body: ImportBody) {
  let profile: unknown = body.profile;
  if (body.profileId !== undefined) {
    const found = await findProfile(
      c.get("services").dataDir,
      c.get("scope").tenantId,
      body.profileId,
    );
    if (found === null)
      return problem(c, 400, "Invalid body", undefined, [
        { path: "profileId", message: `expected the id of a kept profile (${body.profileId})` },
      ]);
    profile = found.json;
  }
  try {
    parseImportProfile(profile); // a bad profile is answered before anything is read
  } catch (error) {
    return problem(c, 400, "Invalid profile", undefined, errorsOf(error, "profile"));
  }
  return {
    profile,
    bytes: new Uint8Array(Buffer.from(body.content, "base64")),
    fileName: body.fileName,
  };
}

const rowReport = z.object({
  row: z.number(),
  outcome: z.string(),
  caseId: z.string().nullable(),
  caseNumber: z.string().nullable(),
  debtorId: z.string().nullable(),
  newCase: z.boolean(),
  newDebtor: z.boolean(),
  messages: z.array(z.object({ nl: z.string(), fr: z.string(), en: z.string() })),
});

const reportSchema = z.object({
  batchId: z.string(),
  clientId: z.string(),
  profileId: z.string(),
  dryRun: z.boolean(),
  stopped: z.boolean(),
  rows: z.array(rowReport),
  cases: z.array(z.record(z.string(), z.unknown())),
  totals: z.record(z.string(), z.number()),
});

const progressSchema = z.object({
  id: z.string(),
  state: z.enum(["running", "done", "failed"]),
  finished: z.boolean(),
  done: z.number().describe("progress: done of total"),
  total: z.number(),
  message: z.string(),
  rows: z.number(),
  rowsPerSecond: z.number(),
  etaSeconds: z.number().nullable(),
  casesWritten: z.number(),
  casesTotal: z.number(),
  error: z.string().nullable(),
  batchId: z.string().nullable(),
  totals: z.record(z.string(), z.number()).nullable(),
  resultCsv: z.string().nullable(),
  resultJson: z.string().nullable(),
});

/**
 * The import API: `POST /api/work/import/dry-run`, `POST /api/work/import/apply` and
 * `GET /api/work/import/:batchId` (the job's progress, and its report when done). Firm roles only.
 *
 * @example
 * ```ts
 * workImportApi(app);
 * ```
 */
export function workImportApi(app: Hono<AppEnv>): void {
  apiRoute(
    app,
    {
      method: "post",
      path: "/api/work/import/dry-run",
      summary:
        "Dry run of a client's file: every row and case checked and planned, nothing written",
      tag: "work",
      roles: FIRM,
      body: importBody,
      response: reportSchema,
    },
    async (c, { body }) => {
      const input = await inputOf(c, body);
      if (input instanceof Response) return input;
      try {
        const report = await dryRun(c.get("services"), c.get("scope"), c.get("user"), input);
        await c.get("audit")("import.dry-run", report.profileId, { file: body.fileName });
        return report;
      } catch (error) {
        return problem(c, 400, "Invalid import", undefined, errorsOf(error, "content"));
      }
    },
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/work/import/apply",
      summary: "Applies a client's file in the background; follow it at its progress URL",
      tag: "work",
      roles: FIRM,
      body: importBody,
      status: 202,
      response: progressSchema,
    },
    async (c, { body }) => {
      const input = await inputOf(c, body);
      if (input instanceof Response) return input;
      const job = startApply(c.get("services"), c.get("scope"), c.get("user"), input);
      await c.get("audit")("import.apply", body.profileId ?? "(profile given)", {
        file: body.fileName,
        job: job.id,
      });
      c.header("location", `/api/work/import/${job.id}`);
      return progressOf(job, c.get("lang"));
    },
  );

  apiRoute(
    app,
    {
      method: "get",
      path: "/api/work/import/:batchId",
      summary:
        "The progress of an import's apply (rows, rows/s, time left) and its report when done",
      tag: "work",
      roles: FIRM,
      response: progressSchema,
    },
    async (c) => {
      const job = await findImportJob(
        c.get("services"),
        c.get("scope").tenantId,
        c.req.param("batchId") ?? "",
      );
      if (job === null) return problem(c, 404, "Not found", "No such import in your scope");
      return {
        ...progressOf(job, c.get("lang")),
        ...(job.result === null ? {} : { report: job.result.report }),
      };
    },
  );
}
