/**
 * Builds the extension into dist/: the activation bundle (extension.cjs, VS Code's API left
 * external), the data worker started after activation (data-worker.cjs: sql.js and the
 * preview, in a worker thread), the webview's script and style, sql.js's WebAssembly, the `when:` grammar, and the demo shop
 * (demo.db) that previews use with no database set. Fails when a native module would end up
 * in a bundle: the extension host runs its own Node.js, which cannot load sqlite3's binding.
 */
import { copyFile, mkdir, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { createDemo, METRICS, parseDay } from "@strata/core";
import { type BuildOptions, build, type Metafile } from "esbuild";
import { whenInjectionGrammar } from "../src/grammar/when-grammar.ts";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const dist = join(root, "dist");

/** The demo shop the extension ships: the same generator as `strata demo`, fixed in time. */
export const DEMO = { customers: 2000, seed: 1, today: "2026-06-30" };

const node: BuildOptions = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node18",
  minify: true,
  legalComments: "none",
  metafile: true,
  logLevel: "warning",
  outExtension: { ".js": ".cjs" },
  outdir: dist,
};

/** The packages whose code is in a bundle (parsed but tree-shaken inputs do not count). */
function packagesIn(metafile: Metafile): Set<string> {
  const names = new Set<string>();
  const used = Object.values(metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path),
  );
  for (const input of used) {
    const match = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(
      input,
    );
    if (match?.[1]) names.add(match[1]);
  }
  return names;
}

function refuse(bundle: string, metafile: Metafile | undefined, banned: string[]): void {
  if (!metafile) throw new Error(`esbuild gave no metafile for ${bundle}`);
  const found = banned.filter((name) => packagesIn(metafile).has(name));
  if (found.length) throw new Error(`${bundle} must not contain ${found.join(", ")}`);
}

async function main(): Promise<void> {
  const started = performance.now();
  await rm(dist, { recursive: true, force: true });
  await mkdir(join(dist, "webview"), { recursive: true });
  await mkdir(join(dist, "syntaxes"), { recursive: true });

  const activation = await build({
    ...node,
    entryPoints: { extension: join(root, "src/extension.ts") },
    external: ["vscode"],
  });
  refuse("extension.cjs", activation.metafile, ["sqlite3", "sql.js"]);
  const worker = await build({
    ...node,
    entryPoints: { "data-worker": join(root, "src/data/data-worker.ts") },
  });
  refuse("data-worker.cjs", worker.metafile, ["sqlite3", "vscode"]);
  await build({
    bundle: true,
    platform: "browser",
    format: "iife",
    target: "es2022",
    minify: true,
    logLevel: "warning",
    entryPoints: [join(root, "src/webview/preview.ts")],
    outfile: join(dist, "webview/preview.js"),
  });
  await copyFile(join(root, "src/webview/preview.css"), join(dist, "webview/preview.css"));

  const fromCore = createRequire(join(root, "../core/package.json"));
  await copyFile(fromCore.resolve("sql.js/dist/sql-wasm.wasm"), join(dist, "sql-wasm.wasm"));
  await writeFile(
    join(dist, "syntaxes/strata-when.injection.tmLanguage.json"),
    `${JSON.stringify(whenInjectionGrammar([...METRICS.keys()]), null, 2)}\n`,
  );
  await createDemo(join(dist, "demo.db"), {
    customers: DEMO.customers,
    seed: DEMO.seed,
    today: parseDay(DEMO.today) ?? 0,
    history: false,
  });

  for (const file of [
    "extension.cjs",
    "data-worker.cjs",
    "webview/preview.js",
    "sql-wasm.wasm",
    "demo.db",
  ]) {
    const { size } = await stat(join(dist, file));
    console.log(
      `  ${relative(root, join(dist, file)).padEnd(26)} ${(size / 1024).toFixed(0).padStart(6)} KB`,
    );
  }
  console.log(`built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

await main();
