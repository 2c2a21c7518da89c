import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../main.ts", import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL("../..", import.meta.url));

/** Runs `pnpm bot` (main.ts through tsx) to its end with only `env`. For tests only. */
export function runBotToEnd(env: Record<string, string>) {
  return spawnSync(process.execPath, ["--import", "tsx", MAIN], {
    env: { PATH: process.env.PATH ?? "", ...env },
    cwd: PACKAGE_DIR,
    encoding: "utf8",
    timeout: 30_000,
  });
}

/** Starts `pnpm bot` (main.ts through tsx) as a child process with only `env`. For tests only. */
export function spawnBot(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", MAIN], {
    env: { PATH: process.env.PATH ?? "", ...env },
    cwd: PACKAGE_DIR,
    stdio: ["ignore", "pipe", "pipe"],
  });
}
