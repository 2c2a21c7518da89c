/**
 * A k-means worker thread: holds one HamerlyPart over shared points and answers the
 * driver's requests (see kmeans-threads.ts) one at a time.
 */
import { parentPort } from "node:worker_threads";
import { type CentreMoves, HamerlyPart } from "./hamerly-part.ts";

export type WorkerRequest =
  | {
      type: "init";
      values: Float64Array;
      labels: Int32Array;
      from: number;
      to: number;
      dims: number;
      k: number;
    }
  | { type: "assignAll"; centres: Float64Array }
  | { type: "assign"; centres: Float64Array; moves: CentreMoves }
  | { type: "farthest"; centres: Float64Array; exclude: number[] }
  | { type: "inertia"; centres: Float64Array };

let part: HamerlyPart | undefined;

parentPort?.on("message", (request: WorkerRequest) => {
  try {
    parentPort?.postMessage({ ok: true, value: answer(request) });
  } catch (error) {
    parentPort?.postMessage({
      ok: false,
      error: error instanceof Error ? error.stack : String(error),
    });
  }
});

function answer(request: WorkerRequest): unknown {
  if (request.type === "init") {
    const { values, labels, from, to, dims, k } = request;
    part = new HamerlyPart(values, labels, from, to, dims, k);
    return null;
  }
  if (!part) throw new Error("the worker got a request before init");
  switch (request.type) {
    case "assignAll":
      return part.assignAll(request.centres);
    case "assign":
      return part.assign(request.centres, request.moves);
    case "farthest":
      return part.farthest(request.centres, request.exclude);
    case "inertia":
      return part.inertia(request.centres);
  }
}
