import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAudit } from "../src/auth/audit.js";
import { demoLogin } from "../src/demo/logins.js";
import type { TestServer } from "./support/server.js";
import { startTestServer } from "./support/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const formHeaders = (cookie: string) => ({
  "content-type": "application/x-www-form-urlencoded",
  cookie,
});

async function loginForm(
  headers: Record<string, string> = {},
): Promise<{ cookie: string; token: string }> {
  const page = await server.request("/login", { headers });
  const cookie =
    page.headers
      .getSetCookie()
      .map((line) => line.split(";")[0] ?? "")
      .find((c) => c.startsWith("incasso_csrf=")) ?? "";
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "";
  return { cookie, token };
}

/** Signs in from a network address of its own (the socket's peer address, as Node gives it). */
async function signIn(email: string, password: string, address = "192.0.2.1"): Promise<Response> {
  const { cookie, token } = await loginForm();
  return server.app.request(
    "/login",
    {
      method: "POST",
      headers: formHeaders(cookie),
      body: new URLSearchParams({ email, password, _csrf: token }),
    },
    { incoming: { socket: { remoteAddress: address, remotePort: 50000, remoteFamily: "IPv4" } } },
  );
}

describe("Content-Security-Policy and headers", () => {
  it("every page carries a strict CSP whose nonce differs per response, and no-sniff, no framing", async () => {
    const first = await server.request("/login");
    const second = await server.request("/login");
    const csp = first.headers.get("content-security-policy") ?? "";
    for (const directive of [
      "default-src 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "img-src 'self' data:",
      "connect-src 'self'",
    ])
      expect(csp).toContain(directive);
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(second.headers.get("content-security-policy")).not.toContain(nonce);
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("x-frame-options")).toBe("DENY");
    expect(first.headers.get("referrer-policy")).toBe("same-origin");
  });

  it("the pages load only the server's own stylesheet and script, without inline script", async () => {
    const html = await (await server.request("/login")).text();
    expect(html).toContain('<link rel="stylesheet" href="/static/app.css">');
    expect(html).toContain('<script type="module" src="/static/app.js"></script>');
    expect(html).not.toMatch(/<script(?![^>]*src=)[^>]*>/);
    const css = await server.request("/static/app.css");
    expect(css.headers.get("content-type")).toMatch(/^text\/css/);
    expect(await css.text()).toContain(":focus-visible");
    const js = await server.request("/static/app.js");
    expect(await js.text()).toContain("data-progress-url");
  });
});

describe("sessions", () => {
  it("the session cookie is HTTP-only, SameSite=Lax, and Secure unless the server runs on plain http on localhost", async () => {
    const clerk = demoLogin("clerk");
    const response = await signIn(clerk.email, clerk.password);
    const line =
      response.headers.getSetCookie().find((l) => l.startsWith("incasso_session=")) ?? "";
    expect(line).toMatch(/HttpOnly/i);
    expect(line).toMatch(/SameSite=Lax/i);
    // The test server runs on http://127.0.0.1: cookies without Secure, as the configuration allows.
    expect(line).not.toMatch(/Secure/i);
    // The session id is stored only as its hash.
    const token = /incasso_session=[^.]+\.([A-Za-z0-9_-]+)/.exec(line)?.[1] ?? "";
    const rows = await server.services.inTenant("be-peeters", (tx) =>
      tx.query<{ session_hash: string }>("SELECT session_hash FROM sessions WHERE tenant_id = $1", [
        "be-peeters",
      ]),
    );
    expect(rows.rows.length).toBeGreaterThan(0);
    expect(rows.rows.map((r) => r.session_hash)).not.toContain(token);
  });

  it("without a session a page redirects to the sign-in and the API answers 401 problem+json", async () => {
    const page = await server.request("/agenda");
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("/login?next=%2Fagenda");
    const api = await server.request("/api/me");
    expect(api.status).toBe(401);
    expect(api.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });

  it("signing out ends the session: the same cookie no longer opens anything", async () => {
    const lawyer = demoLogin("lawyer");
    const response = await signIn(lawyer.email, lawyer.password);
    const cookie =
      (response.headers.getSetCookie().find((l) => l.startsWith("incasso_session=")) ?? "").split(
        ";",
      )[0] ?? "";
    const me = await server.request("/api/me", { headers: { cookie } });
    expect(me.status).toBe(200);
    const { csrfToken } = (await me.json()) as { csrfToken: string };
    const out = await server.request("/logout", {
      method: "POST",
      headers: formHeaders(cookie),
      body: new URLSearchParams({ _csrf: csrfToken }),
    });
    expect(out.status).toBe(303);
    expect((await server.request("/api/me", { headers: { cookie } })).status).toBe(401);
  });
});

describe("the sign-in rate limit", () => {
  it("after 5 failures in 15 minutes the account gets 429 with Retry-After, even with the right password", async () => {
    const portal = demoLogin("portal", "be-peeters", "fitlife");
    for (let attempt = 0; attempt < 5; attempt++) {
      const failed = await signIn(portal.email, `wrong password ${attempt}`, "198.51.100.7");
      expect(failed.status).toBe(400);
    }
    // From another address too: the account's own count refuses it.
    const refused = await signIn(portal.email, portal.password, "198.51.100.8");
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(15 * 60);
    // Kept in the database: the count survives a restart of the process.
    const rows = await server.services.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM login_attempts WHERE attempt_key = $1",
      [`account:${portal.email}`],
    );
    expect(rows.rows[0]?.n).toBe(5);
  });

  it("after 5 failures from one address every account is refused from it, and other addresses still sign in", async () => {
    for (let attempt = 0; attempt < 5; attempt++)
      expect(
        (await signIn(`nobody${attempt}@example.test`, "wrong password", "203.0.113.50")).status,
      ).toBe(400);
    const clerk = demoLogin("clerk", "nl-devries");
    expect((await signIn(clerk.email, clerk.password, "203.0.113.50")).status).toBe(429);
    expect((await signIn(clerk.email, clerk.password, "203.0.113.51")).status).toBe(303);
  });
});

describe("CSRF", () => {
  it("a form without its token is refused with 403, and with another session's token too", async () => {
    const admin = await server.session("admin");
    const without = await server.request("/admin/users/be-clerk/role", {
      method: "POST",
      headers: formHeaders(admin.cookie),
      body: new URLSearchParams({ role: "lawyer" }),
    });
    expect(without.status).toBe(403);
    const other = await server.session("clerk");
    const wrong = await server.request("/admin/users/be-clerk/role", {
      method: "POST",
      headers: formHeaders(admin.cookie),
      body: new URLSearchParams({ role: "lawyer", _csrf: other.csrfToken }),
    });
    expect(wrong.status).toBe(403);
    const user = await server.services.inTenant("be-peeters", (tx) =>
      tx.query<{ role: string }>("SELECT role FROM users WHERE tenant_id = $1 AND user_id = $2", [
        "be-peeters",
        "be-clerk",
      ]),
    );
    expect(user.rows[0]?.role).toBe("clerk");
  });

  it("an API write without x-csrf-token is refused with 403 problem+json", async () => {
    const clerk = await server.session("clerk");
    const response = await server.request("/api/cases", {
      method: "POST",
      headers: { cookie: clerk.cookie, "content-type": "application/json" },
      body: "{}",
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });

  it("the login form itself needs the token of its pre-session cookie", async () => {
    const clerk = demoLogin("clerk");
    const response = await server.request("/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: clerk.email, password: clerk.password }),
    });
    expect(response.status).toBe(403);
  });
});

describe("roles", () => {
  it("a clerk gets 403 on /admin; an admin opens it", async () => {
    expect((await server.request("/admin", {}, "clerk")).status).toBe(403);
    expect((await server.request("/admin", {}, "admin")).status).toBe(200);
  });

  it("a portal user gets 403 on the firm's pages and API; a firm user gets 403 on the portal", async () => {
    expect((await server.request("/agenda", {}, "portal")).status).toBe(403);
    expect((await server.request("/api/cases", {}, "portal")).status).toBe(403);
    expect((await server.request("/portal", {}, "clerk")).status).toBe(403);
    expect((await server.request("/api/portal/cases", {}, "clerk")).status).toBe(403);
  });

  it("an unknown path is 404: a page, or problem+json under /api", async () => {
    const page = await server.request("/no-such-page", {}, "clerk");
    expect(page.status).toBe(404);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const api = await server.request("/api/no-such-route", {}, "clerk");
    expect(api.status).toBe(404);
    expect(api.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });
});

describe("the API", () => {
  it("serves an OpenAPI 3 document that lists the declared routes", async () => {
    const response = await server.request("/api/openapi.json", {}, "clerk");
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths).length).toBeGreaterThan(0);
    expect(document.paths["/api/cases"]?.post).toBeDefined();
  });

  it("a bad body is answered 400 problem+json naming each field's path", async () => {
    const response = await server.request(
      "/api/cases",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ clientId: 42 }),
      },
      "clerk",
    );
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const body = (await response.json()) as { errors: { path: string; message: string }[] };
    expect(body.errors.length).toBeGreaterThan(0);
    expect(
      body.errors.every((error) => typeof error.path === "string" && error.path.length > 0),
    ).toBe(true);
  });
});

describe("the audit log", () => {
  it("writes a line per signed-in request with user, method, path and status, and the admin page shows them", async () => {
    await server.request("/api/me?probe=audit", {}, "lawyer");
    const lines = await readAudit(server.services, "be-peeters", {
      userId: "be-lawyer",
      path: "/api/me",
    });
    const line = lines.find((l) => l.detail !== null && JSON.stringify(l.detail).includes("audit"));
    expect(line).toMatchObject({
      method: "GET",
      path: "/api/me",
      status: 200,
      action: "request",
      userId: "be-lawyer",
    });
    const page = await (
      await server.request("/admin?user=be-lawyer&path=%2Fapi%2Fme", {}, "admin")
    ).text();
    expect(page).toContain("/api/me");
    const logins = await readAudit(server.services, "be-peeters", { path: "/login" });
    expect(logins.some((l) => l.action === "login")).toBe(true);
  });
});
