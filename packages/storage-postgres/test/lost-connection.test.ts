import { EventEmitter } from "node:events";
import { IncassoError } from "@incasso/core";
import { sampleCase } from "@incasso/testkit";
import { describe, expect, it } from "vitest";
import type { PgPoolClientLike, PgPoolLike, SqlClient } from "../src/index.js";
import {
  createPostgresStore,
  fromPg,
  isConnectionLoss,
  rebuildProjections,
  StoreUnavailableError,
} from "../src/index.js";

/** What node-postgres raises when the server ends a session it holds in a transaction. */
const terminated = () =>
  Object.assign(new Error("terminating connection due to administrator command"), {
    code: "57P01",
  });
const idleTimeout = () =>
  Object.assign(new Error("terminating connection due to idle-in-transaction timeout"), {
    code: "25P03",
  });

/**
 * A fake node-postgres connection: an EventEmitter (so an `'error'` emitted with no listener
 * throws, as it would end a real process), answering each statement with `answer(text)`.
 */
class FakeConnection extends EventEmitter implements PgPoolClientLike {
  readonly sent: string[] = [];
  readonly released: (Error | boolean | undefined)[] = [];
  answer: (text: string) => Promise<{ rows: never[] }> = async () => ({ rows: [] });

  async query<Row>(text: string): Promise<{ readonly rows: Row[] }> {
    this.sent.push(text);
    return (await this.answer(text)) as { rows: Row[] };
  }

  release(error?: Error | boolean): void {
    this.released.push(error);
  }
}

function poolOf(connection: FakeConnection): PgPoolLike {
  return {
    query: async () => ({ rows: [] }),
    connect: async () => connection,
  };
}

/** The connection dies: it says so on `'error'` (as pg does, with no statement running). */
function die(connection: FakeConnection, error: Error): void {
  connection.emit("error", error);
  connection.answer = async () => {
    throw new Error("Client has encountered a connection error and is not queryable");
  };
}

describe("fromPg: a connection lost while a transaction holds it", () => {
  it("fails the work's next statement with the typed error, sends nothing more, and discards the connection", async () => {
    const connection = new FakeConnection();
    const error = idleTimeout();
    const failure = await fromPg(poolOf(connection))
      .transaction(async (tx) => {
        await tx.query("SELECT 1");
        die(connection, error); // between statements: the core computing, the server timing out
        await tx.query("INSERT INTO events …");
      })
      .catch((caught: unknown) => caught);
    expect(failure).toBeInstanceOf(StoreUnavailableError);
    expect(failure).toBeInstanceOf(IncassoError);
    expect(failure).toMatchObject({
      code: "STORE_UNAVAILABLE",
      retryable: true,
      outcome: "not-stored",
      cause: error,
    });
    expect(connection.sent).toEqual(["BEGIN", "SELECT 1"]); // no ROLLBACK, no COMMIT on it
    expect(connection.released).toEqual([error]);
    // The pool ends a connection released with an error; its later errors still find a listener.
    expect(() =>
      connection.emit("error", new Error("Connection terminated unexpectedly")),
    ).not.toThrow();
  });

  it("fails a running statement the server ended with the typed error", async () => {
    const connection = new FakeConnection();
    connection.answer = async (text) => {
      if (text !== "SELECT pg_sleep(10)") return { rows: [] };
      const error = terminated();
      connection.emit("error", new Error("Connection terminated unexpectedly"));
      throw error;
    };
    const failure = await fromPg(poolOf(connection))
      .transaction((tx) => tx.query("SELECT pg_sleep(10)"))
      .catch((caught: unknown) => caught);
    expect(failure).toMatchObject({ code: "STORE_UNAVAILABLE", outcome: "not-stored" });
    expect(connection.sent).toEqual(["BEGIN", "SELECT pg_sleep(10)"]);
    expect(connection.released).toHaveLength(1);
    expect(connection.released[0]).toBeInstanceOf(Error);
  });

  it("does not commit work that finished after its connection was lost", async () => {
    const connection = new FakeConnection();
    const failure = await fromPg(poolOf(connection))
      .transaction(async () => {
        die(connection, terminated());
        return "computed";
      })
      .catch((caught: unknown) => caught);
    expect(failure).toMatchObject({ code: "STORE_UNAVAILABLE", outcome: "not-stored" });
    expect(connection.sent).toEqual(["BEGIN"]);
  });

  it("says the outcome is unknown when the connection is lost during COMMIT", async () => {
    const connection = new FakeConnection();
    connection.answer = async (text) => {
      if (text !== "COMMIT") return { rows: [] };
      connection.emit("error", new Error("Connection terminated unexpectedly"));
      throw new Error("Connection terminated unexpectedly");
    };
    const failure = await fromPg(poolOf(connection))
      .transaction((tx) => tx.query("INSERT INTO events …"))
      .catch((caught: unknown) => caught);
    expect(failure).toMatchObject({ code: "STORE_UNAVAILABLE", outcome: "unknown" });
    expect((failure as Error).message).toMatch(/may or may not have been stored/);
    expect(connection.sent).toEqual(["BEGIN", "INSERT INTO events …", "COMMIT"]);
    expect(connection.released[0]).toBeInstanceOf(Error);
  });

  it("answers the work's own error when the connection breaks during ROLLBACK, and discards it", async () => {
    const connection = new FakeConnection();
    connection.answer = async (text) => {
      if (text !== "ROLLBACK") return { rows: [] };
      connection.emit("error", new Error("Connection terminated unexpectedly"));
      throw new Error("Connection terminated unexpectedly");
    };
    const refused = new IncassoError("INVALID_INPUT", "append.events.0.at: expected a date");
    const failure = await fromPg(poolOf(connection))
      .transaction(async () => {
        throw refused;
      })
      .catch((caught: unknown) => caught);
    expect(failure).toBe(refused); // nothing was committed: the refusal stands
    expect(connection.sent).toEqual(["BEGIN", "ROLLBACK"]);
    expect(connection.released).toHaveLength(1);
    expect(connection.released[0]).toBeInstanceOf(Error);
  });

  it("rolls back and releases a healthy connection as before, without its listener", async () => {
    const connection = new FakeConnection();
    const client = fromPg(poolOf(connection));
    expect(await client.transaction(async (tx) => (await tx.query("SELECT 1")).rows)).toEqual([]);
    await expect(
      client.transaction(async () => {
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect(connection.sent).toEqual(["BEGIN", "SELECT 1", "COMMIT", "BEGIN", "ROLLBACK"]);
    expect(connection.released).toEqual([undefined, undefined]);
    expect(connection.listenerCount("error")).toBe(0);
  });

  it("answers a connection that cannot be had with the typed error", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
      code: "ECONNREFUSED",
    });
    const pool: PgPoolLike = {
      query: async () => ({ rows: [] }),
      connect: async () => {
        throw refused;
      },
    };
    await expect(fromPg(pool).transaction(async () => 1)).rejects.toMatchObject({
      code: "STORE_UNAVAILABLE",
      retryable: true,
      cause: refused,
    });
  });
});

describe("the store names the call that lost its connection", () => {
  /** A client whose every transaction fails as a custom driver would, with no word on when. */
  const lostClient: SqlClient = {
    query: async () => {
      throw terminated();
    },
    transaction: async () => {
      throw terminated();
    },
  };

  it("in the store's calls and the rebuild", async () => {
    const store = createPostgresStore({ client: lostClient });
    const scope = { tenantId: "firm-1" };
    const calls: [string, () => Promise<unknown>][] = [
      ["getCase", () => store.getCase(scope, "C1")],
      [
        "append",
        () =>
          store.append(scope, {
            caseId: "C1",
            expectedVersion: 0,
            events: sampleCase(1),
            asOf: "2026-01-31",
          }),
      ],
      [
        "claimOutbox",
        () => store.claimOutbox(scope, { worker: "w1", now: "2026-01-31T09:00:00Z" }),
      ],
      [
        "saveDailyRun",
        () => store.saveDailyRun(scope, { runDate: "2026-01-31", rows: [], entries: [] }),
      ],
      [
        "rebuildProjections",
        () => rebuildProjections(lostClient, { tenantId: "firm-1", asOf: "2026-01-31" }),
      ],
    ];
    for (const [operation, call] of calls) {
      const failure = await call().catch((caught: unknown) => caught);
      expect(failure, operation).toBeInstanceOf(StoreUnavailableError);
      expect(failure, operation).toMatchObject({ operation, retryable: true, outcome: "unknown" });
      expect((failure as Error).message, operation).toMatch(new RegExp(`^${operation}: `));
    }
  });

  it("and tells a lost connection from a refused statement", () => {
    expect(isConnectionLoss(terminated())).toBe(true);
    expect(isConnectionLoss(idleTimeout())).toBe(true);
    expect(isConnectionLoss(Object.assign(new Error("x"), { code: "08006" }))).toBe(true);
    expect(isConnectionLoss(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isConnectionLoss(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(
      false,
    );
    expect(isConnectionLoss(new StoreUnavailableError("append", terminated()))).toBe(true);
    expect(isConnectionLoss("Connection terminated")).toBe(false);
  });
});
