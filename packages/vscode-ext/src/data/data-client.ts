import { Worker } from "node:worker_threads";
import type { Day } from "@strata/core/portable";
import type { DataSession, PreviewAnswer } from "./open-data.ts";

/** Requests to the data worker; each carries an id its response repeats. */
export type DataRequest = { id: number } & DataRequestBody;

type DataRequestBody =
  | {
      kind: "open";
      bytes: Uint8Array;
      wal: Uint8Array | null;
      name: string;
      wasmDir: string | undefined;
    }
  | { kind: "preview"; text: string; savedText: string | null; asOf: Day }
  | { kind: "distribution"; text: string; name: string; asOf: Day }
  | { kind: "close" };

export type DataResponse =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; message: string };

type Opened = Pick<DataSession, "stats" | "attributes" | "attributeValues">;

/**
 * Opens a database (with its write-ahead log `wal`, if any) in a worker thread running
 * `workerPath` (dist/data-worker.cjs) and returns a session whose calls are answered there,
 * so the extension host stays responsive however large the data. The bytes are moved to the
 * worker, not copied. Rejects with the worker's message when the database cannot be opened.
 */
export async function openDataInWorker(
  workerPath: string,
  bytes: Uint8Array,
  name: string,
  wasmDir: string | undefined,
  wal: Uint8Array | null = null,
): Promise<DataSession> {
  const worker = new Worker(workerPath);
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 0;
  let stopped: Error | undefined;
  const stop = (error: Error) => {
    stopped ??= error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.on("message", (response: DataResponse) => {
    const waiting = pending.get(response.id);
    pending.delete(response.id);
    if (response.ok) waiting?.resolve(response.value);
    else waiting?.reject(new Error(response.message));
  });
  worker.on("error", (error) => stop(new Error(`the data worker failed: ${error.message}`)));
  worker.on("exit", (code) => stop(new Error(`the data worker stopped (exit code ${code})`)));
  worker.unref();

  const request = <T>(body: DataRequestBody, transfer: ArrayBuffer[] = []): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (stopped) return reject(stopped);
      const id = ++nextId;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ ...body, id }, transfer);
    });

  const movable = (b: Uint8Array) =>
    b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : b.slice();
  const payload = movable(bytes);
  const log = wal && movable(wal);
  const transfer = [payload.buffer as ArrayBuffer];
  if (log && log.buffer !== payload.buffer) transfer.push(log.buffer as ArrayBuffer);
  let opened: Opened;
  try {
    opened = await request<Opened>(
      { kind: "open", bytes: payload, wal: log, name, wasmDir },
      transfer,
    );
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  return {
    ...opened,
    preview: (text, savedText, asOf) =>
      request<PreviewAnswer>({ kind: "preview", text, savedText, asOf }),
    distribution: (text, name, asOf) => request({ kind: "distribution", text, name, asOf }),
    async close() {
      await request({ kind: "close" }).catch(() => {});
      await worker.terminate();
    },
  };
}
