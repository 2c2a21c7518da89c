/**
 * Measures loading and activating the built extension in a fresh Node.js process, as VS Code
 * does on opening a rule file, with `vscode` answered by the unit tests' stand-in; and, as the
 * peer, what activation leaves for later: starting the data worker (sql.js and the preview)
 * and opening the demo shop in it.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";

const run = promisify(execFile);
const root = join(import.meta.dirname, "..");
export const extensionDist = join(root, "packages/vscode-ext/dist");

/** A child script: `vscode` is the unit tests' stand-in, bundled to CommonJS. */
const CHILD = `
const Module = require("node:module");
const [dist, what, fake] = process.argv.slice(1);
const load = Module._load;
Module._load = function (request, ...rest) {
  return load.call(this, request === "vscode" ? fake : request, ...rest);
};
const t0 = performance.now();
if (what === "activate") {
  const extension = require(dist + "/extension.cjs");
  const t1 = performance.now();
  const vscode = require("vscode");
  extension.activate({ subscriptions: [], extensionUri: vscode.Uri.file(dist + "/..") });
  const t2 = performance.now();
  console.log(JSON.stringify({ load: t1 - t0, activate: t2 - t1 }));
  process.exit(0);
} else {
  const { Worker } = require("node:worker_threads");
  const bytes = new Uint8Array(require("node:fs").readFileSync(dist + "/demo.db"));
  const t1 = performance.now();
  const worker = new Worker(dist + "/data-worker.cjs");
  worker.once("message", (answer) => {
    const t2 = performance.now();
    if (!answer.ok) throw new Error(answer.message);
    console.log(JSON.stringify({ load: t1 - t0, activate: t2 - t1 }));
    process.exit(0);
  });
  worker.postMessage({ id: 1, kind: "open", bytes, name: "demo", wasmDir: dist }, [bytes.buffer]);
}
`;

const fakeVscode = join(root, ".bench-data/fake-vscode.cjs");

async function child(what: "activate" | "data"): Promise<{ load: number; activate: number }> {
  const { stdout } = await run(process.execPath, ["-e", CHILD, extensionDist, what, fakeVscode]);
  return JSON.parse(stdout) as { load: number; activate: number };
}

/** Builds the extension (as packaged) and the stand-in `vscode` module. */
export async function ensureBuilt(): Promise<void> {
  const extension = join(root, "packages/vscode-ext");
  await run(process.execPath, ["--import", "tsx", join(extension, "scripts/build.ts")], {
    cwd: extension,
  });
  await build({
    entryPoints: [join(extension, "src/testing/fake-vscode.ts")],
    bundle: true,
    platform: "node",
    format: "cjs",
    outfile: fakeVscode,
    logLevel: "warning",
  });
}

/** Median of `runs` fresh processes: time to load the bundle and to run activate(), in ms. */
export async function activationTimes(what: "activate" | "data", runs: number) {
  const samples: Array<{ load: number; activate: number }> = [];
  for (let i = 0; i < runs; i++) samples.push(await child(what));
  const median = (pick: (s: { load: number; activate: number }) => number) => {
    const sorted = samples.map(pick).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? 0;
  };
  return {
    load: median((s) => s.load),
    activate: median((s) => s.activate),
    total: median((s) => s.load + s.activate),
  };
}
