import { isStrataError, type StrataErrorCode } from "../errors.ts";
import { type Command, commandHelp, type Io, parseCommandArgs } from "./command.ts";
import { backfillCommand } from "./commands/backfill.ts";
import { churnCommand } from "./commands/churn.ts";
import { clvCommand } from "./commands/clv.ts";
import { demoCommand } from "./commands/demo.ts";
import { ingestCommand } from "./commands/ingest.ts";
import { previewCommand } from "./commands/preview.ts";
import { runCommand } from "./commands/run.ts";
import { suggestCommand } from "./commands/suggest.ts";
import { tierCommand } from "./commands/tier.ts";
import { validateCommand } from "./commands/validate.ts";

const COMMANDS: Command[] = [
  demoCommand,
  ingestCommand,
  runCommand,
  backfillCommand,
  tierCommand,
  churnCommand,
  previewCommand,
  validateCommand,
  suggestCommand,
  clvCommand,
];

const EXIT_CODES: Record<StrataErrorCode, number> = {
  usage: 2,
  "file-not-found": 2,
  "invalid-rules": 1,
  "invalid-data": 1,
  "not-found": 1,
  ambiguous: 1,
  storage: 1,
  internal: 70,
};

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return [
    "strata: place every customer in tiers, keep the history, explain it.",
    "",
    "Usage: strata COMMAND [options]",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    "",
    "Run 'strata COMMAND --help' for a command's options and examples.",
    "",
  ].join("\n");
}

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function runCli(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout(overview());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(
      `strata: unknown command '${name}'. Commands: ${COMMANDS.map((c) => c.name).join(", ")}.\n`,
    );
    return 2;
  }
  try {
    const args = parseCommandArgs(command, rest);
    if (args === "help") {
      io.stdout(commandHelp(command));
      return 0;
    }
    return await command.run(args, io);
  } catch (error) {
    if (isStrataError(error)) {
      io.stderr(`strata ${command.name}: ${error.message}\n`);
      return EXIT_CODES[error.code];
    }
    io.stderr(
      `strata ${command.name}: unexpected error (please report it): ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    return 70;
  }
}

/** The process's own Io. */
export function processIo(): Io {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd:
      process.env.INIT_CWD && process.env.npm_lifecycle_event === "strata"
        ? process.env.INIT_CWD
        : process.cwd(),
    isTTY: process.stdout.isTTY === true,
    now: () => new Date(),
  };
}
