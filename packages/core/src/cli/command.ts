import { parseArgs } from "node:util";
import { StrataError } from "../errors.ts";

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
  /** The placeholder shown in help, e.g. DATE. */
  value?: string;
  description: string;
}

/** What a command may touch of the outside world; passed in so tests can capture it. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  isTTY: boolean;
  /** The current instant; commands never read the clock themselves. */
  now(): Date;
}

export interface ParsedArgs {
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  description: string;
  options: Record<string, OptionSpec>;
  examples: string[];
  /** Runs the command; returns the exit code. Throws StrataError for user errors. */
  run(args: ParsedArgs, io: Io): Promise<number>;
}

const HELP_OPTION: OptionSpec = { type: "boolean", short: "h", description: "Show this help." };

/** Parses argv for `command`; throws a usage StrataError naming the bad flag. */
export function parseCommandArgs(command: Command, argv: string[]): ParsedArgs | "help" {
  const options = { ...command.options, help: HELP_OPTION };
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: Object.fromEntries(
        Object.entries(options).map(([name, o]) => [
          name,
          {
            type: o.type,
            ...(o.short ? { short: o.short } : {}),
            ...(o.multiple ? { multiple: true } : {}),
          },
        ]),
      ),
      allowPositionals: true,
      strict: true,
    });
    if (values.help) return "help";
    return { positionals, values: values as ParsedArgs["values"] };
  } catch (error) {
    const message =
      error instanceof Error ? error.message.replace(/\. To specify.*$/s, "") : String(error);
    throw new StrataError("usage", `${message}\nRun 'strata ${command.name} --help' for usage.`);
  }
}

/** The help text of one command. */
export function commandHelp(command: Command): string {
  const options = { ...command.options, help: HELP_OPTION };
  const rows = Object.entries(options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : "    "}--${name}${o.value ? ` ${o.value}` : ""}`;
    return [flag, o.description + (o.multiple ? " (repeatable)" : "")] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  return [
    `Usage: ${command.usage}`,
    "",
    command.description,
    "",
    "Options:",
    ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}${text}`),
    ...(command.examples.length ? ["", "Examples:", ...command.examples.map((e) => `  ${e}`)] : []),
    "",
  ].join("\n");
}
