// The bailiff API: build a handover package for cases and record the handover; the ZIP is then
// downloaded from its URL.
import type { Hono } from "hono";
import type { AppEnv } from "../context.js";
import { handOver, handoverRequestSchema } from "../work/bailiff-work.js";
import { errorsOf } from "../work/work-files.js";
import { apiRoute } from "./api-route.js";
import { problem } from "./problem.js";

const FIRM = ["clerk", "lawyer", "admin"] as const;

/**
 * The bailiff API: `POST /api/work/bailiff` with the cases, office, profile, phase, sender and
 * cut-off date; answers the package (id, file name, SHA-256, the manifest's files and the download
 * URL), the cases handed over and the cases refused with their reasons. Firm roles only.
 *
 * @example
 * ```ts
 * workBailiffApi(app);
 * ```
 */
export function workBailiffApi(app: Hono<AppEnv>): void {
  apiRoute(
    app,
    {
      method: "post",
      path: "/api/work/bailiff",
      summary: "Hands cases to a bailiff office: the package (ZIP) and the refusals with reasons",
      tag: "work",
      roles: FIRM,
      body: handoverRequestSchema,
      status: 201,
    },
    async (c, { body }) => {
      try {
        const result = await handOver(c.get("services"), c.get("scope"), c.get("user"), body);
        await c.get("audit")("bailiff.export", result.package?.id ?? "(none)", {
          office: body.office.id,
        });
        return {
          package:
            result.package === null
              ? null
              : {
                  id: result.package.id,
                  fileName: result.package.fileName,
                  sha256: result.package.sha256,
                  files: result.package.files,
                  url: `/work/bailiff/packages/${result.package.fileName}`,
                },
          handedOver: result.handedOver,
          refused: result.refused,
        };
      } catch (error) {
        return problem(c, 400, "Handover refused", undefined, errorsOf(error, "(body)"));
      }
    },
  );
}
