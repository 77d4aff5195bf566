// Every page and API module of the server. createApp registers each behind the session
// middleware (so `user`, `scope`, `lang` and `csrfToken` are set), in this order.
import type { Hono } from "hono";
import { portalApi } from "./api/portal.js";
import type { AppEnv } from "./context.js";
import { portalPages } from "./pages/portal.js";

/** A module of pages and API routes. */
export type RouteModule = (app: Hono<AppEnv>) => void;

/** The modules, in registration order. */
export const ROUTE_MODULES: RouteModule[] = [portalPages, portalApi];
