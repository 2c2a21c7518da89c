/** A strata command run as its own process, as a user's shell would, with its cost. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./bench-data.ts";

export interface Measured {
  seconds: number;
  peakMb: number | null;
  stdout?: string;
}

/**
 * Runs the `strata` bin as its own process; its time, peak memory and output. Build the CLI
 * bundle first (buildCli), to time what `pnpm install` leaves a user.
 */
export function strataProcess(argv: string[]): Measured {
  const start = performance.now();
  const child = spawnSync(
    process.execPath,
    [
      "--import",
      join(ROOT, "bench/peak-rss.mjs"),
      join(ROOT, "packages/core/bin/strata.mjs"),
      ...argv,
    ],
    { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26 },
  );
  const seconds = (performance.now() - start) / 1000;
  if (child.status !== 0) {
    throw new Error(`strata ${argv.join(" ")} failed: ${child.stderr}`);
  }
  const rss = /peak-rss-kb=(\d+)/.exec(child.stderr);
  return { seconds, peakMb: rss ? Number(rss[1]) / 1024 : null, stdout: child.stdout };
}
