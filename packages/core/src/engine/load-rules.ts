import { StrataError } from "../errors.ts";
import type { ValueType } from "../metrics/metric-catalogue.ts";
import { formatDiagnostic } from "../rules/format-diagnostics.ts";
import type { RuleFile } from "../rules/rule-file.ts";
import { validateRuleText } from "../rules/validate.ts";

/**
 * Validates rule text against the attributes the data has and returns the file's model.
 * Throws StrataError("invalid-rules") listing the errors (`FILE:LINE:COL: …`) if any.
 */
export function loadRules(
  text: string,
  name: string,
  attributes: Record<string, ValueType>,
): RuleFile {
  const { file, diagnostics, ok } = validateRuleText(text, { attributes });
  if (!file || !ok) {
    const errors = diagnostics.filter((d) => d.severity === "error");
    const shown = errors.slice(0, 10).map((d) => formatDiagnostic(name, d));
    const more = errors.length > shown.length ? [`… and ${errors.length - shown.length} more`] : [];
    throw new StrataError(
      "invalid-rules",
      [
        `${name} has ${errors.length} error${errors.length === 1 ? "" : "s"}; fix them first (strata validate ${name}):`,
        ...shown,
        ...more,
      ].join("\n"),
      { diagnostics },
    );
  }
  return file;
}
