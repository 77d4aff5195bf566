// One way to declare a REST route: its method, path, roles and zod schemas. The route is
// registered on the app, its input validated (400 problem+json naming each field), its roles
// checked, and it is recorded for the OpenAPI document (`openApiDocument`).
import type { Context, Hono } from "hono";
import { z } from "zod";
import type { AppEnv, Role } from "../context.js";
import { fieldErrors, problem } from "./problem.js";

/** What a route declares. Paths use Hono's `:param` syntax. */
export interface ApiRouteSpec<B extends z.ZodType | undefined, Q extends z.ZodType | undefined> {
  readonly method: "get" | "post" | "put" | "patch" | "delete";
  readonly path: `/api/${string}`;
  readonly summary: string;
  readonly tag: string;
  /** Who may call it; a portal user calling a firm route gets 403. */
  readonly roles: readonly Role[];
  readonly body?: B;
  readonly query?: Q;
  /** The schema of the 200/201 answer, for the OpenAPI document only. */
  readonly response?: z.ZodType;
  /** The success status (200 unless given). */
  readonly status?: 200 | 201 | 202;
}

type Input<S> = S extends z.ZodType ? z.output<S> : undefined;

const routesOf = new WeakMap<
  object,
  ApiRouteSpec<z.ZodType | undefined, z.ZodType | undefined>[]
>();

/** The routes declared on an app, in order. */
export const declaredRoutes = (app: object) => routesOf.get(app) ?? [];

/**
 * Declares and registers a REST route. The handler gets the validated body and query; what it
 * returns is answered as JSON with the route's status, unless it is already a Response.
 *
 * @example
 * ```ts
 * apiRoute(app, { method: "get", path: "/api/cases/:caseId", summary: "One case", tag: "cases",
 *   roles: ["clerk", "lawyer", "admin", "portal"] }, async (c) => c.get("services").store.getCase(c.get("scope"), c.req.param("caseId")));
 * ```
 */
export function apiRoute<
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
>(
  app: Hono<AppEnv>,
  spec: ApiRouteSpec<B, Q>,
  handler: (c: Context<AppEnv>, input: { body: Input<B>; query: Input<Q> }) => Promise<unknown>,
): void {
  const list = routesOf.get(app) ?? [];
  list.push(spec as ApiRouteSpec<z.ZodType | undefined, z.ZodType | undefined>);
  routesOf.set(app, list);
  app.on(spec.method.toUpperCase(), spec.path, async (c) => {
    const user = c.get("user");
    if (!spec.roles.includes(user.role))
      return problem(c, 403, "Forbidden", `The role ${user.role} may not call ${spec.path}`);
    let query: unknown;
    if (spec.query !== undefined) {
      const parsed = spec.query.safeParse(c.req.query());
      if (!parsed.success)
        return problem(c, 400, "Invalid query", undefined, fieldErrors(parsed.error, "(query)"));
      query = parsed.data;
    }
    let body: unknown;
    if (spec.body !== undefined) {
      let raw: unknown;
      try {
        raw = await c.req.json();
      } catch {
        return problem(c, 400, "Invalid body", "expected a JSON body", [
          { path: "(body)", message: "expected a JSON document" },
        ]);
      }
      const parsed = spec.body.safeParse(raw);
      if (!parsed.success)
        return problem(c, 400, "Invalid body", undefined, fieldErrors(parsed.error));
      body = parsed.data;
    }
    const result = await handler(c, { body: body as Input<B>, query: query as Input<Q> });
    if (result instanceof Response) return result;
    return c.json(result ?? null, spec.status ?? 200);
  });
}

const toSchema = (schema: z.ZodType, io: "input" | "output") =>
  z.toJSONSchema(schema, { io, unrepresentable: "any", target: "openapi-3.0" });

/**
 * The OpenAPI 3.0 document of every route declared with {@link apiRoute} on an app.
 *
 * @example
 * ```ts
 * app.get("/api/openapi.json", (c) => c.json(openApiDocument(app, "0.1.0")));
 * ```
 */
export function openApiDocument(app: object, version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of declaredRoutes(app)) {
    const path = route.path.replace(/:(\w+)/g, "{$1}");
    const parameters = [
      ...[...route.path.matchAll(/:(\w+)/g)].map((match) => ({
        name: match[1],
        in: "path",
        required: true,
        schema: { type: "string" },
      })),
      ...(route.query === undefined
        ? []
        : Object.entries(
            (toSchema(route.query, "input") as { properties?: Record<string, unknown> })
              .properties ?? {},
          ).map(([name, schema]) => ({ name, in: "query", schema }))),
    ];
    const status = String(route.status ?? 200);
    const operations = paths[path] ?? {};
    paths[path] = operations;
    operations[route.method] = {
      summary: route.summary,
      tags: [route.tag],
      description: `Roles: ${route.roles.join(", ")}.`,
      ...(parameters.length === 0 ? {} : { parameters }),
      ...(route.body === undefined
        ? {}
        : {
            requestBody: {
              required: true,
              content: { "application/json": { schema: toSchema(route.body, "input") } },
            },
          }),
      responses: {
        [status]: {
          description: "Success",
          ...(route.response === undefined
            ? {}
            : { content: { "application/json": { schema: toSchema(route.response, "output") } } }),
        },
        "400": { description: "Invalid input: a problem document naming each field" },
        "401": { description: "Not signed in" },
        "403": { description: "The role may not call this route, or the CSRF token is missing" },
        "404": { description: "Not found in the caller's scope" },
      },
    };
  }
  return {
    openapi: "3.0.3",
    info: { title: "Incasso reference server", version },
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "incasso_session" },
      },
    },
    security: [{ session: [] }],
    paths,
  };
}
