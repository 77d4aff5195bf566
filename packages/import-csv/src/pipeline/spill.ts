import type { FileHandle } from "node:fs/promises";
import { mkdtemp, open, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Temporal } from "@incasso/core";
import { Decimal } from "decimal.js";

/**
 * How the pipeline keeps what it cannot hold: rows, plans and row reports go to files in a
 * temporary directory once an import passes a number of rows, and are read back a part at a time.
 * Below that number everything stays in memory, exactly as the files would give it back.
 */
export interface SpillSettings {
  /** Rows held in memory before the import spills to files. */
  readonly afterRows: number;
  /** Where the temporary directory is made (the system's temporary directory by default). */
  readonly directory: string;
  /** How many partitions the rows are spread over once spilled. */
  readonly partitions: number;
}

/**
 * Encodes a value to one line of JSON that {@link decodeLine} reads back with its decimals and
 * plain dates, wherever they sit (a record's amount, a mass action's due date).
 */
export function encodeLine(value: unknown): string {
  return JSON.stringify(
    value,
    function (this: Record<string, unknown>, key: string, item: unknown) {
      const original = key === "" ? item : this[key];
      if (original instanceof Decimal) return { $decimal: original.toString() };
      if (original instanceof Temporal.PlainDate) return { $date: original.toString() };
      return item;
    },
  );
}

/** Reads a line written by {@link encodeLine}. */
export function decodeLine<T>(line: string): T {
  return JSON.parse(line, (_key, item: unknown) => {
    if (item !== null && typeof item === "object" && !Array.isArray(item)) {
      const tagged = item as { $decimal?: unknown; $date?: unknown };
      if (typeof tagged.$decimal === "string" && Object.keys(item).length === 1) {
        return new Decimal(tagged.$decimal);
      }
      if (typeof tagged.$date === "string" && Object.keys(item).length === 1) {
        return Temporal.PlainDate.from(tagged.$date);
      }
    }
    return item;
  }) as T;
}

/** The 32-bit FNV-1a hash of a text: which partition a key goes to. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A file written in chunks: lines are buffered and appended 64 KiB at a time. */
class LineFile {
  #buffer: string[] = [];
  #size = 0;
  #lines = 0;

  constructor(readonly path: string) {}

  get lines(): number {
    return this.#lines;
  }

  push(line: string): Promise<void> | undefined {
    this.#buffer.push(line);
    this.#size += line.length + 1;
    this.#lines += 1;
    return this.#size >= 64 * 1024 ? this.flush() : undefined;
  }

  async flush(): Promise<void> {
    if (this.#buffer.length === 0) return;
    const text = `${this.#buffer.join("\n")}\n`;
    this.#buffer = [];
    this.#size = 0;
    const handle = await open(this.path, "a");
    try {
      await handle.writeFile(text, "utf8");
    } finally {
      await handle.close();
    }
  }
}

/**
 * Reads every line of a file written by {@link LineFile}, one at a time, 16 KiB of the file at a
 * time: a merge of hundreds of runs holds one chunk of each, not a queue of lines.
 */
async function* linesOf(path: string): AsyncGenerator<string> {
  const handle = await open(path, "r");
  try {
    const decoder = new TextDecoder("utf-8");
    const buffer = new Uint8Array(16 * 1024);
    let rest = "";
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      const text = rest + decoder.decode(buffer.subarray(0, bytesRead), { stream: true });
      const lines = text.split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) if (line !== "") yield line;
    }
    rest += decoder.decode();
    if (rest !== "") yield rest;
  } finally {
    await handle.close();
  }
}

/**
 * The temporary directory of one import, made when first needed and removed by {@link close}.
 */
export class SpillDirectory {
  #path: string | null = null;
  #making: Promise<string> | null = null;
  #count = 0;
  #closing: { close(): Promise<void> }[] = [];

  /** Closes `item` (its open file) when the directory is closed; answers it. */
  closing<T extends { close(): Promise<void> }>(item: T): T {
    this.#closing.push(item);
    return item;
  }

  constructor(private readonly settings: SpillSettings) {}

  /** A new file name in the directory (made once, also when two files are asked for at once). */
  async file(name: string): Promise<string> {
    this.#making ??= mkdtemp(join(this.settings.directory, "incasso-import-"));
    this.#path = await this.#making;
    this.#count += 1;
    return join(this.#path, `${this.#count}-${name}.jsonl`);
  }

  /** Whether anything was spilled. */
  get used(): boolean {
    return this.#path !== null;
  }

  async close(): Promise<void> {
    for (const item of this.#closing) await item.close().catch(() => undefined);
    this.#closing = [];
    const path = this.#path ?? (this.#making === null ? null : await this.#making);
    if (path !== null) await rm(path, { recursive: true, force: true });
    this.#path = null;
    this.#making = null;
  }
}

/**
 * Rows spread over partitions by a key: every row of one key in one partition, each partition in
 * row order. In memory (one partition, in the order the rows came) until `afterRows`, then over
 * `partitions` files.
 */
export class PartitionedRows<T> {
  #held: { key: string; item: T }[] = [];
  #files: LineFile[] | null = null;
  #count = 0;

  constructor(
    private readonly settings: SpillSettings,
    private readonly directory: SpillDirectory,
    private readonly rowOf: (item: T) => number,
  ) {}

  get count(): number {
    return this.#count;
  }

  get spilled(): boolean {
    return this.#files !== null;
  }

  async add(key: string, item: T): Promise<void> {
    this.#count += 1;
    if (this.#files === null) {
      this.#held.push({ key, item });
      if (this.#held.length <= this.settings.afterRows) return;
      this.#files = [];
      for (let index = 0; index < this.settings.partitions; index++) {
        this.#files.push(new LineFile(await this.directory.file(`rows-${index}`)));
      }
      const held = this.#held;
      this.#held = [];
      for (const entry of held) await this.#write(entry.key, entry.item);
      return;
    }
    await this.#write(key, item);
  }

  async #write(key: string, item: T): Promise<void> {
    const files = this.#files as LineFile[];
    const file = files[fnv1a(key) % files.length] as LineFile;
    await file.push(encodeLine(item));
  }

  /** The partitions in order, each read whole when its turn comes. */
  async *partitions(): AsyncGenerator<T[]> {
    if (this.#files === null) {
      yield this.#held.map((entry) => entry.item);
      return;
    }
    for (const file of this.#files) await file.flush();
    for (const file of this.#files) {
      if (file.lines === 0) continue;
      const text = await readFile(file.path, "utf8");
      const items: T[] = [];
      for (const line of text.split("\n")) if (line !== "") items.push(decodeLine<T>(line));
      yield items.sort((a, b) => this.rowOf(a) - this.rowOf(b));
    }
  }
}

/**
 * A sequence of items written once and read back in the same order (in memory until the import
 * spills, then from a file).
 */
export class Sequence<T> {
  #held: T[] | null = [];
  #file: LineFile | null = null;
  #count = 0;

  constructor(
    private readonly name: string,
    private readonly spill: () => boolean,
    private readonly directory: SpillDirectory,
  ) {}

  get count(): number {
    return this.#count;
  }

  async push(item: T): Promise<void> {
    this.#count += 1;
    if (this.#file === null && this.spill()) {
      this.#file = new LineFile(await this.directory.file(this.name));
      for (const held of this.#held ?? []) await this.#file.push(encodeLine(held));
      this.#held = null;
    }
    if (this.#file === null) this.#held?.push(item);
    else await this.#file.push(encodeLine(item));
  }

  /** Writes what is buffered to the file (nothing when held in memory). */
  async flush(): Promise<void> {
    await this.#file?.flush();
  }

  async *items(): AsyncGenerator<T> {
    if (this.#file === null) {
      yield* this.#held ?? [];
      return;
    }
    await this.#file.flush();
    for await (const line of linesOf(this.#file.path)) yield decodeLine<T>(line);
  }
}

/**
 * Sorted runs merged into one sorted sequence: each part of an import gives its row reports in row
 * order, and the merge gives every row of the file in row order while holding one row per run.
 */
export class SortedRuns<T> {
  #runs: Sequence<T>[] = [];

  constructor(
    private readonly name: string,
    private readonly order: (item: T) => number,
    private readonly spill: () => boolean,
    private readonly directory: SpillDirectory,
  ) {}

  /** Adds a run (its items must already be in order). */
  async addRun(items: Iterable<T>): Promise<void> {
    const run = new Sequence<T>(`${this.name}-${this.#runs.length}`, this.spill, this.directory);
    for (const item of items) await run.push(item);
    // A run is read again only at the merge: nothing of it stays buffered until then.
    await run.flush();
    if (run.count > 0) this.#runs.push(run);
  }

  /** Every item of every run, in order. */
  async *merged(): AsyncGenerator<T> {
    const sources: AsyncGenerator<T>[] = [];
    try {
      const heads: { item: T; key: number; source: AsyncGenerator<T> }[] = [];
      for (const run of this.#runs) {
        const source = run.items();
        sources.push(source);
        const first = await source.next();
        if (!first.done) heads.push({ item: first.value, key: this.order(first.value), source });
      }
      const heap = new MinHeap(heads);
      while (heap.size > 0) {
        const top = heap.peek();
        yield top.item;
        const next = await top.source.next();
        if (next.done) heap.pop();
        else heap.replaceTop({ item: next.value, key: this.order(next.value), source: top.source });
      }
    } finally {
      // A merge left early (an error, a consumer that stops) closes every run's file.
      await Promise.all(sources.map((source) => source.return(undefined)));
    }
  }
}

/** A binary min-heap on `key`. */
class MinHeap<E extends { key: number }> {
  constructor(private readonly items: E[]) {
    for (let index = (items.length >> 1) - 1; index >= 0; index--) this.#down(index);
  }

  get size(): number {
    return this.items.length;
  }

  peek(): E {
    return this.items[0] as E;
  }

  pop(): void {
    const last = this.items.pop() as E;
    if (this.items.length > 0) {
      this.items[0] = last;
      this.#down(0);
    }
  }

  replaceTop(item: E): void {
    this.items[0] = item;
    this.#down(0);
  }

  #down(start: number): void {
    const items = this.items;
    let index = start;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let smallest = index;
      if (left < items.length && (items[left] as E).key < (items[smallest] as E).key) {
        smallest = left;
      }
      if (right < items.length && (items[right] as E).key < (items[smallest] as E).key) {
        smallest = right;
      }
      if (smallest === index) return;
      const swap = items[index] as E;
      items[index] = items[smallest] as E;
      items[smallest] = swap;
      index = smallest;
    }
  }
}

/**
 * Values by key, written once each and read back by key: in memory until the import spills, then
 * in a file with only each value's place held in memory.
 */
export class KeyedValues<T> {
  #held: Map<string, T> | null = new Map();
  #file: LineFile | null = null;
  #places = new Map<string, number>();
  #bytes = 0;
  #reader: FileHandle | null = null;

  constructor(
    private readonly name: string,
    private readonly spill: () => boolean,
    private readonly directory: SpillDirectory,
  ) {}

  has(key: string): boolean {
    return this.#held?.has(key) ?? this.#places.has(key);
  }

  async put(key: string, value: T): Promise<void> {
    if (this.has(key)) return;
    if (this.#file === null && this.spill()) {
      this.#file = new LineFile(await this.directory.file(this.name));
      for (const [heldKey, heldValue] of this.#held ?? []) await this.#write(heldKey, heldValue);
      this.#held = null;
    }
    if (this.#file === null) this.#held?.set(key, value);
    else await this.#write(key, value);
  }

  async #write(key: string, value: T): Promise<void> {
    const line = encodeLine(value);
    const length = Buffer.byteLength(line, "utf8");
    if (length >= 2 ** 21) {
      throw new Error(`a kept value of ${length} bytes is over the 2 MiB a place can address`);
    }
    // The place as one number: the offset times 2^21 plus the length (a line under 2 MiB).
    this.#places.set(key, this.#bytes * 2 ** 21 + length);
    this.#bytes += length + 1;
    await this.#file?.push(line);
  }

  /** The values of these keys that were put. */
  async get(keys: Iterable<string>): Promise<Map<string, T>> {
    const found = new Map<string, T>();
    if (this.#held !== null) {
      for (const key of keys) {
        const value = this.#held.get(key);
        if (value !== undefined) found.set(key, value);
      }
      return found;
    }
    await this.#file?.flush();
    this.#reader ??= await open((this.#file as LineFile).path, "r");
    for (const key of keys) {
      const place = this.#places.get(key);
      if (place === undefined || found.has(key)) continue;
      const length = place % 2 ** 21;
      const buffer = Buffer.alloc(length);
      await this.#reader.read(buffer, 0, length, (place - length) / 2 ** 21);
      found.set(key, decodeLine<T>(buffer.toString("utf8")));
    }
    return found;
  }

  async close(): Promise<void> {
    await this.#reader?.close();
    this.#reader = null;
  }
}

/** The spill settings of an import, from its options. */
export function spillSettingsOf(options?: {
  readonly afterRows?: number;
  readonly directory?: string;
  readonly partitions?: number;
}): SpillSettings {
  return {
    afterRows: Math.max(0, Math.floor(options?.afterRows ?? 20_000)),
    directory: options?.directory ?? tmpdir(),
    // At most 512: a merge opens one file per partition at once, under the common limit of 1024.
    partitions: Math.max(1, Math.min(Math.floor(options?.partitions ?? 256), 512)),
  };
}
