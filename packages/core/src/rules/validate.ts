import { BUILTIN_ATTRIBUTES, METRICS, type ValueType } from "../metrics/metric-catalogue.ts";
import { type Diagnostic, sortDiagnostics } from "./diagnostic.ts";
import { didYouMean } from "./did-you-mean.ts";
import { parseRuleFile } from "./parse-rule-file.ts";
import type { Condition, Dimension, RuleFile, Tier } from "./rule-file.ts";
import type { LineIndex } from "./source-range.ts";
import { type Binding, checkCondition, type Scope } from "./type-check.ts";
import { findUnreachableTiers } from "./unreachable-tiers.ts";

export interface ValidateOptions {
  /** Customer attributes the data has (column name to type), beyond those the file declares. */
  attributes?: Readonly<Record<string, ValueType>>;
}

export interface ValidationResult {
  /** The file's model, or null when it could not be read at all. */
  file: RuleFile | null;
  /** Every problem, sorted by position. */
  diagnostics: Diagnostic[];
  /** True when no diagnostic is an error: the file can be run. */
  ok: boolean;
}

/**
 * Validates the text of a `*.tiers.yaml` file: YAML, structure, expressions, names and
 * types, and the checks across tiers (unreachable tiers, missing defaults, churn and alert
 * references). Never throws on any input.
 */
export function validateRuleText(text: string, options: ValidateOptions = {}): ValidationResult {
  const { file, diagnostics, lines } = parseRuleFile(text);
  if (file) diagnostics.push(...checkRuleFile(file, lines, options));
  const sorted = sortDiagnostics(diagnostics);
  return { file, diagnostics: sorted, ok: !sorted.some((d) => d.severity === "error") };
}

/** The names a rule file's conditions can use, as seen from dimension `position`. */
export function ruleScope(file: RuleFile, options: ValidateOptions, position: number): Scope {
  const attributes = { ...BUILTIN_ATTRIBUTES, ...options.attributes, ...file.attributes };
  const dimensions = new Map(file.dimensions.map((d, i) => [d.id, { d, i }]));
  return {
    resolve(name): Binding | undefined {
      const dimension = dimensions.get(name);
      if (dimension) {
        return {
          kind: "dimension",
          type: "string",
          tiers: dimension.d.tiers.map((t) => t.id),
          usable: dimension.i < position,
        };
      }
      const metric = METRICS.get(name);
      if (metric) {
        const enabled =
          metric.requires === undefined ||
          (metric.requires === "rfm" ? file.rfm !== null : file.clv !== null);
        return { kind: "metric", type: metric.type, metric, enabled };
      }
      const attribute = attributes[name];
      return attribute ? { kind: "attribute", type: attribute } : undefined;
    },
    names: () => [...METRICS.keys(), ...Object.keys(attributes), ...dimensions.keys()],
  };
}

function checkRuleFile(file: RuleFile, lines: LineIndex, options: ValidateOptions): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const typed = (condition: Condition | null, scope: Scope): boolean => {
    if (!condition?.expr) return false;
    const found = checkCondition(condition.expr, scope);
    for (const d of found) {
      const range = condition.toRange(d.span);
      diagnostics.push({
        severity: d.severity,
        code: d.code,
        message: d.message,
        range,
        ...(d.fix
          ? {
              fixes: [
                {
                  title: d.fix.title,
                  range: condition.toRange(d.fix.span),
                  newText: d.fix.newText,
                },
              ],
            }
          : {}),
      });
    }
    return found.length === 0;
  };
  file.dimensions.forEach((dimension, index) => {
    const scope = ruleScope(file, options, index);
    if (
      METRICS.has(dimension.id) ||
      dimension.id in BUILTIN_ATTRIBUTES ||
      dimension.id in file.attributes
    ) {
      diagnostics.push({
        severity: "error",
        code: "invalid-value",
        message: `'${dimension.id}' is already the name of a metric or attribute: give the dimension another name`,
        range: dimension.idRange,
      });
    }
    let analysable = dimension.complete;
    for (const tier of dimension.tiers) {
      if (tier.when && !typed(tier.when, scope)) analysable = false;
    }
    diagnostics.push(...churnDiagnostics(dimension));
    if (!dimension.complete) return;
    if (!dimension.tiers.some((t) => t.isDefault)) diagnostics.push(noDefault(dimension, lines));
    if (analysable) diagnostics.push(...unreachable(dimension, scope, lines));
  });
  const alert = file.alerts.churn;
  if (alert) {
    typed(alert.when, ruleScope(file, options, file.dimensions.length));
    if (!/^(account_manager|#[\w-]+|[UW][A-Z0-9]+|[^@\s]+@[^@\s]+)$/.test(alert.notify)) {
      diagnostics.push({
        severity: "error",
        code: "invalid-value",
        message: `'notify' must be account_manager, a channel like "#cs-alerts", a Slack user id or an e-mail, not "${alert.notify}"`,
        range: alert.range,
      });
    }
  }
  return diagnostics;
}

function churnDiagnostics(dimension: Dimension): Diagnostic[] {
  const { churn, churnRange } = dimension;
  if (churn === null || churnRange === null || dimension.tiers.some((t) => t.id === churn))
    return [];
  const ids = dimension.tiers.map((t) => t.id);
  const guess = didYouMean(churn, ids);
  return [
    {
      severity: "error",
      code: "unknown-churn-tier",
      message: `'churn' names "${churn}", but dimension '${dimension.id}' has no such tier${guess ? `: did you mean "${guess}"?` : `; its tiers are ${ids.join(", ")}`}`,
      range: churnRange,
      ...(guess
        ? { fixes: [{ title: `Change to '${guess}'`, range: churnRange, newText: guess }] }
        : {}),
    },
  ];
}

function noDefault(dimension: Dimension, lines: LineIndex): Diagnostic {
  const last = dimension.tiers.at(-1);
  const diagnostic: Diagnostic = {
    severity: "warning",
    code: "no-default-tier",
    message: `dimension '${dimension.id}' has no default tier: customers matching no tier are left unassigned. Add a last tier with 'default: true'`,
    range: dimension.idRange,
  };
  if (!last) return diagnostic;
  let end = last.range.end.offset;
  let newText = ", { id: other, default: true }";
  if (!isFlowList(dimension, lines)) {
    while (end > 0 && /\s/.test(lines.text.charAt(end - 1))) end--;
    const dash = " ".repeat(Math.max(0, last.range.start.column - 3));
    newText = `\n${dash}- id: other\n${dash}  default: true`;
  }
  return {
    ...diagnostic,
    fixes: [{ title: "Add a default tier", range: lines.range(end, end), newText }],
  };
}

function unreachable(dimension: Dimension, scope: Scope, lines: LineIndex): Diagnostic[] {
  const tiers = dimension.tiers.map((t) => ({
    when: t.when?.expr ?? null,
    isDefault: t.isDefault,
  }));
  const isNumeric = (name: string) => scope.resolve(name)?.type === "number";
  return findUnreachableTiers(tiers, isNumeric).flatMap(({ tier: index, shadowedBy }) => {
    const tier = dimension.tiers[index];
    if (!tier) return [];
    const by = shadowedBy.map((i) => dimension.tiers[i]).filter((t) => t !== undefined);
    const names = by.map((t) => `'${t.id}'`).join(" and ");
    return [
      {
        severity: "warning",
        code: "unreachable-tier",
        message: `tier '${tier.id}' can never match: ${names} above ${by.length > 1 ? "take" : "takes"} every customer it would`,
        range: tier.when?.range ?? tier.idRange,
        related: by.map((t) => ({
          range: t.when?.range ?? t.idRange,
          message: `tier '${t.id}' comes first`,
        })),
        fixes: [
          {
            title: `Remove tier '${tier.id}'`,
            range: removal(dimension, tier, dimension.tiers[index - 1], lines),
            newText: "",
          },
        ],
      } satisfies Diagnostic,
    ];
  });
}

/** Whether the dimension's tiers are written as a flow list, `tiers: [{ … }, { … }]`. */
function isFlowList(dimension: Dimension, lines: LineIndex): boolean {
  return lines.text.charAt(dimension.tiersRange.start.offset) === "[";
}

/**
 * The text to delete to remove `tier`: in a flow list from the end of the tier `before` it
 * (an unreachable tier always has one), taking the comma; in a block list its whole lines.
 */
function removal(dimension: Dimension, tier: Tier, before: Tier | undefined, lines: LineIndex) {
  if (isFlowList(dimension, lines)) {
    return lines.range(before?.range.end.offset ?? tier.range.start.offset, tier.range.end.offset);
  }
  const start = tier.range.start.offset - (tier.range.start.column - 1);
  let end = tier.range.end.offset;
  while (end < lines.text.length && lines.text.charAt(end - 1) !== "\n") end++;
  return lines.range(start, end);
}
