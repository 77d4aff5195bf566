// The demo's firms, clients and sign-ins: printed at start and used by the tests. The passwords
// are public on purpose: they exist only in a demo data directory.
import type { Role } from "../context.js";

/** One demo sign-in. */
export interface DemoLogin {
  readonly email: string;
  readonly password: string;
  readonly role: Role;
  /** The firm (tenant). */
  readonly tenant: string;
  /** The client of a portal user; null for the firm's users. */
  readonly client: string | null;
  readonly userId: string;
  readonly name: string;
  readonly language: "nl" | "fr" | "en";
}

/** The Belgian firm, its B2B client and its consumer-facing client; the Dutch firm and its client. */
export const DEMO_TENANTS = {
  belgium: "be-peeters",
  netherlands: "nl-devries",
} as const;

/** The demo clients. */
export const DEMO_CLIENTS = {
  /** Belgian B2B client (invoices between enterprises: the late payment act). */
  beB2b: "acme-bouw",
  /** Belgian client whose debtors are consumers (the amicable debt collection act). */
  beConsumer: "fitlife",
  /** Dutch client (B2B, the Dutch statutory commercial interest and WIK costs). */
  nlB2b: "hollandse-handel",
} as const;

/**
 * Every demo sign-in: per firm an admin, a lawyer and a clerk; per client a portal user.
 *
 * @example
 * ```ts
 * const clerk = DEMO_LOGINS.find((login) => login.role === "clerk" && login.tenant === "be-peeters");
 * ```
 */
export const DEMO_LOGINS: readonly DemoLogin[] = [
  {
    userId: "be-admin",
    name: "Sofie Peeters",
    email: "admin@peeters.example",
    password: "demo-admin-peeters",
    role: "admin",
    tenant: "be-peeters",
    client: null,
    language: "nl",
  },
  {
    userId: "be-lawyer",
    name: "Marc Dubois",
    email: "lawyer@peeters.example",
    password: "demo-lawyer-peeters",
    role: "lawyer",
    tenant: "be-peeters",
    client: null,
    language: "fr",
  },
  {
    userId: "be-clerk",
    name: "Lies Janssens",
    email: "clerk@peeters.example",
    password: "demo-clerk-peeters",
    role: "clerk",
    tenant: "be-peeters",
    client: null,
    language: "nl",
  },
  {
    userId: "be-portal-acme",
    name: "Acme Bouw (portaal)",
    email: "portal@acme-bouw.example",
    password: "demo-portal-acme",
    role: "portal",
    tenant: "be-peeters",
    client: "acme-bouw",
    language: "nl",
  },
  {
    userId: "be-portal-fitlife",
    name: "FitLife (portail)",
    email: "portal@fitlife.example",
    password: "demo-portal-fitlife",
    role: "portal",
    tenant: "be-peeters",
    client: "fitlife",
    language: "fr",
  },
  {
    userId: "nl-admin",
    name: "Pieter de Vries",
    email: "admin@devries.example",
    password: "demo-admin-devries",
    role: "admin",
    tenant: "nl-devries",
    client: null,
    language: "nl",
  },
  {
    userId: "nl-lawyer",
    name: "Anna Bakker",
    email: "lawyer@devries.example",
    password: "demo-lawyer-devries",
    role: "lawyer",
    tenant: "nl-devries",
    client: null,
    language: "nl",
  },
  {
    userId: "nl-clerk",
    name: "Daan Visser",
    email: "clerk@devries.example",
    password: "demo-clerk-devries",
    role: "clerk",
    tenant: "nl-devries",
    client: null,
    language: "en",
  },
  {
    userId: "nl-portal-hh",
    name: "Hollandse Handel (portaal)",
    email: "portal@hollandse-handel.example",
    password: "demo-portal-hollandse",
    role: "portal",
    tenant: "nl-devries",
    client: "hollandse-handel",
    language: "nl",
  },
];

/**
 * The demo sign-in of a role in a firm (the first one).
 *
 * @example
 * ```ts
 * demoLogin("clerk").email; // "clerk@peeters.example"
 * ```
 */
export function demoLogin(
  role: Role,
  tenant: string = DEMO_TENANTS.belgium,
  client?: string,
): DemoLogin {
  const found = DEMO_LOGINS.find(
    (login) =>
      login.role === role &&
      login.tenant === tenant &&
      (client === undefined || login.client === client),
  );
  if (found === undefined) throw new Error(`no demo ${role} in ${tenant}`);
  return found;
}
