/** A strata command run as its own process, as a user's shell would, with its cost. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./bench-data.ts";

export interface Measured {
  seconds: number;
  peakMb: number | null;
  stdout?: string;
}

/** Runs a strata command as its own process; its time, peak memory and output. */
export function strataProcess(argv: string[]): Measured {
  const start = performance.now();
  const child = spawnSync(
    process.execPath,
    ["--import", "tsx", join(ROOT, "bench/measure-cli.ts"), ...argv],
    { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26 },
  );
  const seconds = (performance.now() - start) / 1000;
  if (child.status !== 0) {
    throw new Error(`strata ${argv.join(" ")} failed: ${child.stderr}`);
  }
  const rss = /peak-rss-kb=(\d+)/.exec(child.stderr);
  return { seconds, peakMb: rss ? Number(rss[1]) / 1024 : null, stdout: child.stdout };
}
