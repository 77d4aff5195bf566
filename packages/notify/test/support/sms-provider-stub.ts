/**
 * Test support: a local HTTP server on 127.0.0.1 that stands in for an SMS provider. It records
 * every request (method, path with query, headers, body) and answers what the test asks for: the
 * next answers queued with `enqueue` (a 429 with `Retry-After`, a 503, a 400 with the provider's
 * error body, a dropped connection, a slow answer), then the `respond` function (by default
 * `200 {"id":"stub-<n>"}`).
 *
 * Nothing here is exported to `src/`; tests of the package import it by relative path.
 *
 * @example
 * ```ts
 * const stub = await startSmsProviderStub();
 * stub.enqueue({ status: 429, headers: { "Retry-After": "30" }, body: { error: "slow down" } });
 * // createHttpSmsSender({ url: `${stub.url}/messages`, ... })
 * stub.requests()[0]?.json();
 * await stub.stop();
 * ```
 */
import type { IncomingHttpHeaders } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** A request as the stub received it. */
export interface RecordedRequest {
  readonly method: string;
  /** The path with its query string (`/v1/messages?x=1`). */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** The body parsed as JSON (throws when it is not JSON). */
  json(): unknown;
  /** The body parsed as `application/x-www-form-urlencoded`. */
  form(): URLSearchParams;
}

/**
 * An answer of the stub: a status, headers and a body (an object is sent as JSON); `delayMs`
 * waits before answering (for client timeouts); `destroy` drops the connection without answering.
 */
export interface StubResponse {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly delayMs?: number;
  readonly destroy?: boolean;
}

/** A running SMS provider stub. */
export interface SmsProviderStub {
  /** The base URL, `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** The requests received so far, in order. */
  requests(): readonly RecordedRequest[];
  /** Queues answers for the next requests, one each, before `respond` is used again. */
  enqueue(...responses: StubResponse[]): void;
  /** Replaces the default answer (used once the queue is empty). */
  setResponder(respond: (request: RecordedRequest, index: number) => StubResponse): void;
  /** Forgets the requests and the queued answers. */
  clear(): void;
  /** Closes the server and every connection still open. */
  stop(): Promise<void>;
}

/** The default answer: 200 with `{"id":"stub-<n>"}`, n counting from 1. */
export const defaultStubResponse = (_request: RecordedRequest, index: number): StubResponse => ({
  status: 200,
  body: { id: `stub-${index + 1}` },
});

/**
 * Starts the SMS provider stub on 127.0.0.1 and a free port.
 *
 * @example
 * ```ts
 * const stub = await startSmsProviderStub({ respond: () => ({ status: 202, body: { messageId: "m1" } }) });
 * await stub.stop();
 * ```
 */
export async function startSmsProviderStub(
  options: { readonly respond?: (request: RecordedRequest, index: number) => StubResponse } = {},
): Promise<SmsProviderStub> {
  const recorded: RecordedRequest[] = [];
  const queue: StubResponse[] = [];
  let respond = options.respond ?? defaultStubResponse;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const request: RecordedRequest = {
        method: req.method ?? "GET",
        path: req.url ?? "/",
        headers: req.headers,
        body,
        json: () => JSON.parse(body) as unknown,
        form: () => new URLSearchParams(body),
      };
      const index = recorded.length;
      recorded.push(request);
      const answer = queue.shift() ?? respond(request, index);
      const send = () => {
        if (answer.destroy) {
          req.socket.destroy();
          return;
        }
        const isText = typeof answer.body === "string";
        const payload =
          answer.body === undefined
            ? ""
            : isText
              ? String(answer.body)
              : JSON.stringify(answer.body);
        res.writeHead(answer.status ?? 200, {
          ...(answer.body === undefined || isText ? {} : { "content-type": "application/json" }),
          ...answer.headers,
        });
        res.end(payload);
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs).unref();
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => [...recorded],
    enqueue: (...responses) => {
      queue.push(...responses);
    },
    setResponder: (next) => {
      respond = next;
    },
    clear: () => {
      recorded.length = 0;
      queue.length = 0;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
