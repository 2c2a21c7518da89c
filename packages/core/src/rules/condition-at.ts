import { parseRuleFile } from "./parse-rule-file.ts";
import type { Condition, RuleFile } from "./rule-file.ts";

/** An offset of a rule file that falls inside a `when:` condition. */
export interface ConditionContext {
  /** The condition's text (the scalar's value) and the offset's index in it. */
  source: string;
  index: number;
  /** The file offset of an index of `source`. */
  offsetOf(index: number): number;
  /**
   * How many dimensions come before the condition: a tier's condition may use those; the
   * churn alert's may use all of them.
   */
  position: number;
  /** The file's model, read with this condition blanked out if it broke the file. */
  file: RuleFile | null;
}

const WHEN_LINE = /^(\s*(?:-\s+)?when:[ \t]*)([^#\n]*)/;

/**
 * The `when:` condition at `offset` of a rule file's text, if any. Works while the file is
 * being typed: when the condition breaks the YAML or is still empty, the condition is read
 * from its line and the rest of the file with the condition set aside.
 */
export function conditionAt(text: string, offset: number): ConditionContext | null {
  const { file } = parseRuleFile(text);
  if (file) {
    for (const [condition, position] of conditions(file)) {
      const { start, end } = condition.range;
      if (offset < start.offset || offset > end.offset) continue;
      return { ...locate(condition, offset), position, file };
    }
  }
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const lineEnd = text.indexOf("\n", offset) === -1 ? text.length : text.indexOf("\n", offset);
  const match = WHEN_LINE.exec(text.slice(lineStart, lineEnd));
  if (!match) return null;
  const start = lineStart + (match[1]?.length ?? 0);
  const source = match[2] ?? "";
  if (offset < start || offset > start + source.length) return null;
  const blanked = `${text.slice(0, start)}true${text.slice(start + source.length)}`;
  const model = file ?? parseRuleFile(blanked).file;
  return {
    source,
    index: offset - start,
    offsetOf: (i) => start + i,
    position: model ? dimensionsBefore(model, start) : 0,
    file: model,
  };
}

function* conditions(file: RuleFile): Generator<[Condition, number]> {
  for (const [i, dimension] of file.dimensions.entries()) {
    for (const tier of dimension.tiers) if (tier.when) yield [tier.when, i];
  }
  const alert = file.alerts.churn?.when;
  if (alert) yield [alert, file.dimensions.length];
}

function locate(condition: Condition, offset: number) {
  const offsetOf = (i: number) => condition.toRange({ start: i, end: i }).start.offset;
  let index = 0;
  while (index < condition.source.length && offsetOf(index + 1) <= offset) index++;
  return { source: condition.source, index, offsetOf };
}

/** Dimensions whose tiers list starts before `offset`, less the one holding it. */
function dimensionsBefore(file: RuleFile, offset: number): number {
  const holding = file.dimensions.findIndex(
    (d) => d.tiersRange.start.offset <= offset && offset <= d.tiersRange.end.offset,
  );
  if (holding >= 0) return holding;
  const above = file.dimensions.filter((d) => d.idRange.start.offset < offset).length;
  return above;
}
