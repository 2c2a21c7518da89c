import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { StrataError } from "../../errors.ts";
import { formatDiagnostic, summarise } from "../../rules/format-diagnostics.ts";
import { validateRuleText } from "../../rules/validate.ts";
import type { Command } from "../command.ts";

export const validateCommand: Command = {
  name: "validate",
  summary: "Check tier-rule files and report every problem with its line and column",
  usage: "strata validate FILE... [--json]",
  description: [
    "Checks each *.tiers.yaml file: YAML syntax, the file's structure, every `when:`",
    "condition (syntax, unknown names, types), and the checks across tiers: tiers that can",
    "never match, dimensions without a default tier, unknown churn tiers and alert conditions.",
    "",
    "Prints one line per problem, FILE:LINE:COL: error|warning CODE: message, then a summary.",
    "Exit status: 0 when no file has errors (warnings allowed), 1 when any has, 2 when a file",
    "cannot be read.",
  ].join("\n"),
  options: {
    json: { type: "boolean", description: "Print every diagnostic with its full range as JSON." },
  },
  examples: [
    "strata validate packages/core/examples/*.tiers.yaml",
    "strata validate my.tiers.yaml --json",
  ],
  async run({ positionals, values }, io) {
    if (positionals.length === 0) {
      throw new StrataError(
        "usage",
        "name at least one rule file, e.g. strata validate retail.tiers.yaml",
      );
    }
    const results = [];
    let unreadable = 0;
    for (const file of positionals) {
      let text: string;
      try {
        text = await readFile(resolve(io.cwd, file), "utf8");
      } catch (error) {
        unreadable++;
        const reason =
          (error as NodeJS.ErrnoException).code === "ENOENT"
            ? "no such file"
            : (error as Error).message;
        io.stderr(`strata: cannot read ${file}: ${reason}\n`);
        continue;
      }
      results.push({ file, diagnostics: validateRuleText(text).diagnostics });
    }
    const all = results.flatMap((r) => r.diagnostics);
    const errors = all.filter((d) => d.severity === "error").length;
    const warnings = all.length - errors;
    if (values.json) {
      io.stdout(`${JSON.stringify({ files: results, errors, warnings }, null, 2)}\n`);
    } else {
      for (const { file, diagnostics } of results) {
        for (const d of diagnostics) io.stdout(`${formatDiagnostic(file, d)}\n`);
      }
      io.stdout(`${summarise(errors, warnings, results.length)}\n`);
    }
    return unreadable > 0 ? 2 : errors > 0 ? 1 : 0;
  },
};
