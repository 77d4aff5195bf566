// Every page and API module of the server. createApp registers each behind the session
// middleware (so `user`, `scope`, `lang` and `csrfToken` are set), in this order.
import type { Hono } from "hono";
import { registerAgendaApi } from "./api/agenda.js";
import { registerCasesApi } from "./api/cases.js";
import { portalApi } from "./api/portal.js";
import { workBailiffApi } from "./api/work-bailiff.js";
import { workBankApi } from "./api/work-bank.js";
import { workImportApi } from "./api/work-import.js";
import { workReportsApi } from "./api/work-reports.js";
import type { AppEnv } from "./context.js";
import { registerAgendaPages } from "./pages/agenda.js";
import { registerCaseSheet } from "./pages/case-sheet.js";
import { registerCasesPages } from "./pages/cases.js";
import { portalPages } from "./pages/portal.js";
import { workBailiffPages } from "./pages/work-bailiff.js";
import { workBankPages } from "./pages/work-bank.js";
import { workImportPages } from "./pages/work-import.js";
import { workOutboxPages } from "./pages/work-outbox.js";
import { workRatesPages } from "./pages/work-rates.js";
import { workReportsPages } from "./pages/work-reports.js";

/** A module of pages and API routes. */
export type RouteModule = (app: Hono<AppEnv>) => void;

/** The modules, in registration order. */
export const ROUTE_MODULES: RouteModule[] = [portalPages, portalApi];

// The agenda, the cases list, the new case, the case sheet and their API (`/cases/new` before
// `/cases/:caseId`).
ROUTE_MODULES.push(
  registerAgendaPages,
  registerAgendaApi,
  registerCasesPages,
  registerCaseSheet,
  registerCasesApi,
);

// The work pages (import, bank, bailiff, outbox, reports, rates) and their API.
ROUTE_MODULES.push(
  workImportPages,
  workImportApi,
  workBankPages,
  workBankApi,
  workBailiffPages,
  workBailiffApi,
  workOutboxPages,
  workReportsPages,
  workReportsApi,
  workRatesPages,
);
