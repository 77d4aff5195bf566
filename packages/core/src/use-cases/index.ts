/**
 * The use cases: what orchestrates the ports on behalf of the host, apart from the pure domain
 * (which never calls a port). Each takes the ports it needs as arguments and holds no state; the
 * host application (or the reference server) is the composition root that passes the adapters in.
 *
 * Today: the daily run over a shard. The outbox dispatcher (claiming, sending through the
 * messaging port, completing) and the importers (an import source into appends and an import
 * batch) go here, one file each.
 *
 * @module
 */
export { type DailyRunReport, runDailyShard } from "./run-daily-shard.js";
