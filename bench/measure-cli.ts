/**
 * Runs one strata command in this process, as the `strata` bin does, then prints the
 * process's peak resident memory as a last stderr line `peak-rss-kb=N`, so a benchmark can
 * time a real CLI process and read its memory.
 */
import { processIo, runCli } from "../packages/core/src/cli/main.ts";

const code = await runCli(process.argv.slice(2), processIo());
process.stderr.write(`peak-rss-kb=${process.resourceUsage().maxRSS}\n`);
process.exitCode = code;
