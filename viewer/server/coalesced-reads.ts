import DataLoader from 'dataloader';
import type { Row } from '../../graph/store.js';

/**
 * Reads of one query shape asked for many keys at once. Under load, panels opened side by side ask
 * the same few queries for different nodes; each costs the embedded store a few milliseconds
 * whatever the size of its answer (a person's HELD edges: 4.2 ms for one person, 6.7 ms for ten).
 * Keys asked while a read of that shape is running wait and go together in the next one, so a
 * lone request is read at once and a crowd in a few large reads (DataLoader, its cache off: the
 * API keeps its own).
 *
 * A shape is a Cypher text that takes the list `$keys` and returns each row's key as `key`, and
 * optionally the text for one key (`$id`, as the project's single-node reads name it), used when a read has only one: on the embedded store a
 * primary-key lookup, where `id IN $keys` scans the label's ids (1.4 against 9.7 ms for a person).
 */
export interface Shape {
  many: string;
  one?: string;
}

export type RunRows = (cypher: string, params: Record<string, unknown>) => Promise<Row[]>;

export interface CoalescerOptions {
  /** Most keys in one read. */
  maxBatch?: number;
  /** Reads of one shape running at a time; keys asked beyond that wait for the next. */
  inFlight?: number;
}

export class Coalescer {
  private readonly loaders = new Map<string, DataLoader<string, Row[]>>();
  /** Reads sent, and keys they carried (for tests and profiling). */
  readonly sent = { reads: 0, keys: 0 };
  private readonly maxBatch: number;
  private readonly inFlight: number;

  constructor(
    private readonly run: RunRows,
    opts: CoalescerOptions = {},
  ) {
    this.maxBatch = opts.maxBatch ?? 64;
    this.inFlight = Math.max(1, opts.inFlight ?? 1);
  }

  /** The rows of `shape` whose `key` is `key`, read together with other callers' keys. */
  rows(shape: Shape, key: string): Promise<Row[]> {
    return this.loader(shape).load(key);
  }

  private loader(shape: Shape): DataLoader<string, Row[]> {
    const hit = this.loaders.get(shape.many);
    if (hit) return hit;
    // Reads running, and batches due to be sent this tick (DataLoader sends synchronously: running++).
    let running = 0;
    let scheduled = 0;
    const waiting: (() => void)[] = [];
    const loader = new DataLoader<string, Row[]>(
      async (keys) => {
        running++;
        try {
          const distinct = [...new Set(keys)];
          this.sent.reads++;
          this.sent.keys += distinct.length;
          if (distinct.length === 1 && shape.one) {
            const rows = await this.run(shape.one, { id: distinct[0] });
            return keys.map(() => rows);
          }
          const byKey = new Map<string, Row[]>(distinct.map((k) => [k, []]));
          for (const row of await this.run(shape.many, { keys: distinct })) byKey.get(String(row.key))?.push(row);
          return keys.map((k) => byKey.get(k)!);
        } finally {
          running--;
          waiting.shift()?.();
        }
      },
      {
        cache: false,
        maxBatchSize: this.maxBatch,
        // A batch starts collecting keys when its first key is asked; it is sent at the end of that
        // tick if a slot is free, else when a running read of this shape ends.
        batchScheduleFn: (send) => {
          if (running + scheduled < this.inFlight) {
            scheduled++;
            setImmediate(() => {
              scheduled--;
              send();
            });
          } else waiting.push(send);
        },
      },
    );
    this.loaders.set(shape.many, loader);
    return loader;
  }
}
