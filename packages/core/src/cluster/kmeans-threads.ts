import { Worker } from "node:worker_threads";
import { StrataError } from "../errors.ts";
import type { CentreMoves, PartTotals } from "./hamerly-part.ts";
import type { WorkerRequest } from "./kmeans-worker.ts";

/** The assignment step over a range of the points, in this thread or another. */
export interface Part {
  assignAll(centres: Float64Array): PartTotals | Promise<PartTotals>;
  assign(centres: Float64Array, moves: CentreMoves): PartTotals | Promise<PartTotals>;
  farthest(
    centres: Float64Array,
    exclude: readonly number[],
  ): { index: number; distance: number } | Promise<{ index: number; distance: number }>;
  inertia(centres: Float64Array): number | Promise<number>;
}

/** Idle workers, kept for the next k-means of the process (suggest runs several). */
const idle: Worker[] = [];

/**
 * Runs `work` with `count` parts in worker threads over the points `values` (in shared
 * memory) with `labels` (shared too), split into equal ranges. Workers are reused across
 * calls and do not keep the process alive while idle.
 */
export async function withWorkerParts<T>(
  values: Float64Array,
  labels: Int32Array,
  dims: number,
  k: number,
  count: number,
  work: (parts: Part[]) => Promise<T>,
): Promise<T> {
  const workers = idle.splice(0, count);
  while (workers.length < count)
    // From src/cluster: the tsx entry beside this file; from the CLI bundle in dist/cli: the
    // bundled worker (scripts/build-cli.ts).
    workers.push(new Worker(new URL("../cluster/kmeans-worker.mjs", import.meta.url)));
  const n = labels.length;
  const parts = workers.map((worker) => new WorkerPart(worker));
  let healthy = true;
  try {
    for (const w of workers) w.ref();
    await Promise.all(
      parts.map((part, w) =>
        part.request({
          type: "init",
          values,
          labels,
          from: Math.floor((w * n) / count),
          to: Math.floor(((w + 1) * n) / count),
          dims,
          k,
        }),
      ),
    );
    return await work(parts);
  } catch (error) {
    healthy = false;
    throw error;
  } finally {
    for (const [w, worker] of workers.entries()) {
      parts[w]?.detach();
      if (healthy) {
        worker.unref();
        idle.push(worker);
      } else void worker.terminate();
    }
  }
}

/** Copies `array` into shared memory unless it is there already. */
export function shared<T extends Float64Array | Int32Array>(array: T): T {
  if (array.buffer instanceof SharedArrayBuffer) return array;
  const copy = new (array.constructor as new (buffer: SharedArrayBuffer) => T)(
    new SharedArrayBuffer(array.byteLength),
  );
  copy.set(array as never);
  return copy;
}

/** One worker seen as a Part: one request at a time, answered in order. */
class WorkerPart implements Part {
  private waiting: { resolve(value: unknown): void; reject(error: Error): void } | null = null;
  private readonly onMessage = (reply: { ok: boolean; value?: unknown; error?: string }) => {
    const waiting = this.waiting;
    this.waiting = null;
    if (reply.ok) waiting?.resolve(reply.value);
    else waiting?.reject(new StrataError("internal", `k-means worker failed: ${reply.error}`));
  };
  private readonly onError = (error: Error) => {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(new StrataError("internal", `k-means worker failed: ${error.message}`));
  };

  constructor(private readonly worker: Worker) {
    worker.on("message", this.onMessage);
    worker.on("error", this.onError);
  }

  request<T>(request: WorkerRequest): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting = { resolve: resolve as (value: unknown) => void, reject };
      this.worker.postMessage(request);
    });
  }

  detach() {
    this.worker.off("message", this.onMessage);
    this.worker.off("error", this.onError);
  }

  assignAll(centres: Float64Array) {
    return this.request<PartTotals>({ type: "assignAll", centres });
  }
  assign(centres: Float64Array, moves: CentreMoves) {
    return this.request<PartTotals>({ type: "assign", centres, moves });
  }
  farthest(centres: Float64Array, exclude: readonly number[]) {
    return this.request<{ index: number; distance: number }>({
      type: "farthest",
      centres,
      exclude: [...exclude],
    });
  }
  inertia(centres: Float64Array) {
    return this.request<number>({ type: "inertia", centres });
  }
}
