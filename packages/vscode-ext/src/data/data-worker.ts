/**
 * The worker thread that holds the data (dist/data-worker.cjs): answers the requests of
 * data-client.ts with open-data.ts, one message each way per request.
 */
import { parentPort } from "node:worker_threads";
import type { DataRequest, DataResponse } from "./data-client.ts";
import { type DataSession, openData } from "./open-data.ts";

let session: DataSession | undefined;

async function answer(request: DataRequest): Promise<unknown> {
  if (request.kind === "open") {
    await session?.close();
    session = await openData(request.bytes, request.name, request.wasmDir, request.wal);
    return {
      stats: session.stats,
      attributes: session.attributes,
      attributeValues: session.attributeValues,
    };
  }
  if (!session) throw new Error("no database is open");
  switch (request.kind) {
    case "preview":
      return session.preview(request.text, request.savedText, request.asOf);
    case "distribution":
      return session.distribution(request.text, request.name, request.asOf);
    case "close":
      await session.close();
      session = undefined;
      return null;
  }
}

parentPort?.on("message", (request: DataRequest) => {
  answer(request).then(
    (value) => parentPort?.postMessage({ id: request.id, ok: true, value } satisfies DataResponse),
    (error: unknown) =>
      parentPort?.postMessage({
        id: request.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      } satisfies DataResponse),
  );
});
