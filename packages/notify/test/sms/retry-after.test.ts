import { describe, expect, it } from "vitest";
import { isTransientStatus, retryAfterSeconds } from "../../src/sms/sms-http.js";

describe("Retry-After (RFC 9110 §10.2.3)", () => {
  const now = Date.parse("2026-11-27T10:00:00Z");

  it("reads delay-seconds", () => {
    expect(retryAfterSeconds("120", now)).toBe(120);
    expect(retryAfterSeconds(" 0 ", now)).toBe(0);
  });

  it("reads an HTTP date as the seconds from now, never negative", () => {
    expect(retryAfterSeconds("Fri, 27 Nov 2026 10:01:30 GMT", now)).toBe(90);
    expect(retryAfterSeconds("Fri, 27 Nov 2026 09:00:00 GMT", now)).toBe(0);
  });

  it("is null when absent or unreadable", () => {
    expect(retryAfterSeconds(null, now)).toBeNull();
    expect(retryAfterSeconds("soon", now)).toBeNull();
    expect(retryAfterSeconds("-5", now)).toBeNull();
  });
});

describe("which HTTP statuses are worth a retry", () => {
  it("408, 425, 429 and 5xx are; other 4xx are not", () => {
    expect([408, 425, 429, 500, 502, 503, 504].every(isTransientStatus)).toBe(true);
    expect([400, 401, 403, 404, 409, 413, 422].some(isTransientStatus)).toBe(false);
  });
});
