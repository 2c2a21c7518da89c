#!/usr/bin/env node
// Runs the CLI bundle (dist/, built by `pnpm install` and `pnpm build`) while it is newer than
// every source file; otherwise the TypeScript source itself through tsx's loader, so that an
// edit is never run stale.
import { fileURLToPath } from "node:url";
import { bundleIsFresh } from "./fresh-bundle.mjs";

const bundle = new URL("../dist/cli/strata.mjs", import.meta.url);
if (bundleIsFresh(fileURLToPath(bundle), fileURLToPath(new URL("../src", import.meta.url)))) {
  await import(bundle.href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/strata.ts");
}
