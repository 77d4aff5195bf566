import { DeliveryError } from "@incasso/core";

// What the SMS adapters share (the checks before a provider is called are the core's
// `checkOutgoingSms`): the HTTP call with its timeout, and the reading of a refusal into a DeliveryError. Not exported from the package.

/** An HTTP answer read whole: the status, the headers, the body as text and as JSON when it is. */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: unknown;
}

/** An HTTP request of an SMS adapter. */
export interface HttpRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly timeoutMs: number;
}

/**
 * Sends a request with global `fetch` and a timeout. A request that gets no answer (refused
 * connection, reset, DNS failure, timeout) is a transient `DeliveryError` with the system
 * code (`ECONNREFUSED`, `TIMEOUT`): the provider may or may not have taken it, which is why the
 * idempotency key travels with every request.
 */
export async function callProvider(provider: string, request: HttpRequest): Promise<HttpAnswer> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(request.timeoutMs),
      redirect: "error",
    });
  } catch (error) {
    const name = (error as { name?: string }).name;
    const cause = (error as { cause?: { code?: string } }).cause;
    const code =
      name === "TimeoutError" || name === "AbortError" ? "TIMEOUT" : (cause?.code ?? "ENETWORK");
    throw new DeliveryError(
      `${provider}: no answer (${code === "TIMEOUT" ? `no answer within ${request.timeoutMs} ms` : code})`,
      { permanent: false, providerCode: code, cause: error },
    );
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new DeliveryError(`${provider}: the answer was cut off`, {
      permanent: false,
      providerCode: "ECONNRESET",
      cause: error,
    });
  }
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/**
 * The seconds a `Retry-After` header asks to wait: a number of seconds, or an HTTP date
 * (RFC 9110 §10.2.3) counted from `nowMs`; null when absent or unreadable; never negative.
 */
export function retryAfterSeconds(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  // An HTTP date (IMF-fixdate and the obsolete forms) starts with the day's name.
  if (!/^[A-Za-z]{3}/.test(value)) return null;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/** Whether an HTTP status says "try again later": 408, 425, 429 and every 5xx. */
export const isTransientStatus = (status: number): boolean =>
  status === 408 || status === 425 || status === 429 || status >= 500;

/**
 * A `DeliveryError` for a provider's non-2xx answer: transient for 408/425/429/5xx (with
 * `Retry-After`), permanent otherwise; the provider's own code and message when `read` finds
 * them in the body, else the HTTP status.
 */
export function refusal(
  provider: string,
  answer: HttpAnswer,
  nowMs: number,
  read: (json: unknown) => { code?: string | null; message?: string | null } | null,
): DeliveryError {
  const found = answer.json === undefined ? null : read(answer.json);
  const code = found?.code ?? String(answer.status);
  const detail = found?.message ?? answer.text.slice(0, 200);
  return new DeliveryError(
    `${provider} answered HTTP ${answer.status}${detail === "" ? "" : `: ${detail}`}`,
    {
      permanent: !isTransientStatus(answer.status),
      providerCode: code,
      retryAfterSeconds: retryAfterSeconds(answer.headers.get("retry-after"), nowMs),
    },
  );
}

/** The value at a dotted path (`messages.0.id`) in a JSON value, or undefined. */
export function valueAt(json: unknown, path: string): unknown {
  let value = json;
  for (const part of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** A text or number at a path, as text; null when absent or of another type. */
export function textAt(json: unknown, path: string | undefined): string | null {
  if (path === undefined) return null;
  const value = valueAt(json, path);
  return typeof value === "string" || typeof value === "number" ? String(value) : null;
}
