import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_LOGINS, demoLogin } from "../src/demo/logins.js";
import type { TestServer } from "./support/server.js";
import { startTestServer } from "./support/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const form = (fields: Record<string, string>) => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields),
});

async function loginForm(): Promise<{ cookie: string; token: string }> {
  const page = await server.request("/login");
  const cookie =
    page.headers
      .getSetCookie()
      .map((line) => line.split(";")[0] ?? "")
      .find((c) => c.startsWith("incasso_csrf=")) ?? "";
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "";
  return { cookie, token };
}

describe("sign-in", () => {
  it("a demo clerk signs in: 303 to the agenda with an HTTP-only, SameSite session cookie", async () => {
    const { cookie, token } = await loginForm();
    const clerk = demoLogin("clerk");
    const response = await server.request("/login", {
      ...form({ email: clerk.email, password: clerk.password, _csrf: token }),
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/agenda");
    const session = response.headers
      .getSetCookie()
      .find((line) => line.startsWith("incasso_session="));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).toMatch(/Path=\//);
  });

  it("a wrong password answers 400 with the form again and no session", async () => {
    const { cookie, token } = await loginForm();
    const response = await server.request("/login", {
      ...form({ email: demoLogin("lawyer").email, password: "not the password", _csrf: token }),
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    });
    expect(response.status).toBe(400);
    expect(
      response.headers.getSetCookie().some((line) => line.startsWith("incasso_session=")),
    ).toBe(false);
  });

  it("the me route answers the user and its scope; a portal user's scope holds its client", async () => {
    const me = await (await server.request("/api/me", {}, "clerk")).json();
    expect(me).toMatchObject({ role: "clerk", scope: { tenantId: "be-peeters" } });
    const portal = DEMO_LOGINS.find((login) => login.role === "portal") ?? demoLogin("portal");
    const them = (await (await server.request("/api/me", {}, portal)).json()) as { scope: unknown };
    expect(them.scope).toEqual({ tenantId: portal.tenant, clientId: portal.client });
  });
});

describe("the language of the pages", () => {
  it("?lang= wins and is remembered in a cookie; then the user's language; then Accept-Language", async () => {
    const asked = await server.request("/login?lang=fr", {
      headers: { "accept-language": "nl-BE,nl;q=0.9" },
    });
    expect(await asked.text()).toContain('<html lang="fr">');
    const remembered = asked.headers
      .getSetCookie()
      .map((line) => line.split(";")[0] ?? "")
      .find((cookie) => cookie.startsWith("incasso_lang="));
    expect(remembered).toBe("incasso_lang=fr");
    const again = await server.request("/login", {
      headers: { cookie: remembered ?? "", "accept-language": "nl" },
    });
    expect(await again.text()).toContain('<html lang="fr">');
    const browser = await server.request("/login", {
      headers: { "accept-language": "de-DE,nl;q=0.8,fr;q=0.5" },
    });
    expect(await browser.text()).toContain('<html lang="nl">');
    // The Belgian lawyer's own language is French.
    const lawyer = await server.request(
      "/admin",
      { headers: { "accept-language": "en" } },
      "lawyer",
    );
    expect(lawyer.status).toBe(403);
    expect(await lawyer.text()).toContain('<html lang="fr">');
  });
});
