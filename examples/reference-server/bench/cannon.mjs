// The load generator of the reference server's benchmark, run as a child process so that it does
// not share the server's event loop: one autocannon instance per simulated user (one connection,
// its own session cookie), each cycling through its pages, for a fixed duration. It records the
// latency of every response by page and prints one JSON document on stdout.
//
// Input (the JSON file named by argv[2]): { baseUrl, duration, users: [{ name, cookie, pages: [{ page, paths }] }] }
// where each page's `paths` are picked from at random (a case page gets many case ids).
import { readFile } from "node:fs/promises";
import autocannon from "autocannon";

const input = JSON.parse(await readFile(process.argv[2] ?? "", "utf8"));
const latencies = new Map();
const statuses = new Map();
const record = (page, status, ms) => {
  if (!latencies.has(page)) latencies.set(page, []);
  latencies.get(page).push(ms);
  const key = `${page} ${status}`;
  statuses.set(key, (statuses.get(key) ?? 0) + 1);
};

let seed = 42;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

function runUser(user) {
  return new Promise((resolve, reject) => {
    const queue = [];
    const requests = user.pages.map((entry) => ({
      method: "GET",
      path: entry.paths[0],
      setupRequest: (request) => {
        const path = entry.paths[Math.floor(random() * entry.paths.length)];
        queue.push(entry.page);
        return { ...request, path };
      },
    }));
    const instance = autocannon(
      {
        url: input.baseUrl,
        connections: 1,
        pipelining: 1,
        duration: input.duration,
        timeout: 30,
        headers: { cookie: user.cookie },
        requests,
      },
      (error) => (error ? reject(error) : resolve()),
    );
    instance.on("response", (_client, status, _bytes, ms) =>
      record(queue.shift() ?? "?", status, ms),
    );
    instance.on("reqError", () => record(queue.shift() ?? "?", "error", Number.NaN));
  });
}

const started = Date.now();
await Promise.all(input.users.filter((user) => user.pages.length > 0).map(runUser));
const seconds = (Date.now() - started) / 1000;

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const pages = {};
for (const [page, values] of latencies) {
  const ok = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  pages[page] = {
    requests: values.length,
    rps: values.length / seconds,
    p50: percentile(ok, 50),
    p95: percentile(ok, 95),
    mean: ok.reduce((sum, value) => sum + value, 0) / Math.max(1, ok.length),
  };
}
process.stdout.write(
  `${JSON.stringify({ seconds, pages, statuses: Object.fromEntries(statuses) })}\n`,
);
