// GET /static/app.css and /static/app.js, with a strong ETag of their bytes.
import { createHash } from "node:crypto";
import type { Hono } from "hono";
import type { AppEnv } from "../context.js";
import { APP_CSS } from "./app-css.js";
import { APP_JS } from "./app-js.js";

const FILES: Record<string, { body: string; type: string }> = {
  "app.css": { body: APP_CSS, type: "text/css; charset=utf-8" },
  "app.js": { body: APP_JS, type: "text/javascript; charset=utf-8" },
};

const ETAGS = Object.fromEntries(
  Object.entries(FILES).map(([name, file]) => [
    name,
    `"${createHash("sha256").update(file.body).digest("base64url").slice(0, 27)}"`,
  ]),
);

/**
 * Registers the static files.
 *
 * @example
 * ```ts
 * registerStatic(app);
 * ```
 */
export function registerStatic(app: Hono<AppEnv>): void {
  app.get("/static/:file", (c) => {
    const name = c.req.param("file");
    const file = FILES[name];
    if (file === undefined) return c.notFound();
    const etag = ETAGS[name] ?? "";
    const headers = {
      "content-type": file.type,
      etag,
      "cache-control": "public, max-age=300, must-revalidate",
    };
    if (c.req.header("if-none-match") === etag) return c.body(null, 304, headers);
    return c.body(file.body, 200, headers);
  });
}
