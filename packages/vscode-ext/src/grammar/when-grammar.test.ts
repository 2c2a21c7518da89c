import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { METRICS } from "@strata/core/portable";
import { describe, expect, it } from "vitest";
import * as oniguruma from "vscode-oniguruma";
import { INITIAL, Registry } from "vscode-textmate";
import { whenInjectionGrammar } from "./when-grammar.ts";

const require = createRequire(import.meta.url);

async function tokenizer() {
  const wasm = readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    // The host grammar here is a bare stand-in for YAML: the injection is what is tested.
    loadGrammar: async (scopeName) =>
      scopeName === "source.strata-tiers"
        ? ({ scopeName, patterns: [] } as never)
        : scopeName === "strata.when.injection"
          ? (whenInjectionGrammar([...METRICS.keys()]) as never)
          : null,
    getInjections: (scopeName) =>
      scopeName === "source.strata-tiers" ? ["strata.when.injection"] : undefined,
  });
  const grammar = await registry.loadGrammar("source.strata-tiers");
  if (!grammar) throw new Error("grammar did not load");
  /** Each token's text and its innermost scope. */
  return (line: string) =>
    grammar
      .tokenizeLine(line, INITIAL)
      .tokens.map((t) => [line.slice(t.startIndex, t.endIndex), t.scopes.at(-1)])
      .filter(([text]) => text?.trim());
}

describe("the when: grammar", () => {
  it("colours a condition's metrics, names, operators, numbers and text", async () => {
    const tokens = await tokenizer();
    expect(
      tokens(`        when: monetary >= 5_000 and region in ["north", 'south'] or not vip`),
    ).toEqual([
      ["when", "entity.name.tag.yaml"],
      [":", "punctuation.separator.key-value.mapping.yaml"],
      ["monetary", "support.variable.metric.strata"],
      [">=", "keyword.operator.comparison.strata"],
      ["5_000", "constant.numeric.strata"],
      ["and", "keyword.operator.logical.strata"],
      ["region", "variable.other.strata"],
      ["in", "keyword.operator.word.strata"],
      ["[", "punctuation.section.brackets.strata"],
      ['"north"', "string.quoted.double.strata"],
      [",", "punctuation.separator.comma.strata"],
      ["'south'", "string.quoted.single.strata"],
      ["]", "punctuation.section.brackets.strata"],
      ["or", "keyword.operator.logical.strata"],
      ["not", "keyword.operator.logical.strata"],
      ["vip", "variable.other.strata"],
    ]);
  });

  it("stops at a comment and leaves other keys alone", async () => {
    const tokens = await tokenizer();
    expect(tokens("      - when: satisfaction is not missing # note").slice(3, 7)).toEqual([
      ["satisfaction", "support.variable.metric.strata"],
      ["is", "keyword.operator.word.strata"],
      ["not", "keyword.operator.logical.strata"],
      ["missing", "keyword.operator.word.strata"],
    ]);
    expect(tokens("      - when: a # note").at(-1)?.[1]).toBe("source.strata-tiers");
    expect(tokens("  whenever: monetary > 1").map(([, scope]) => scope)).toEqual([
      "source.strata-tiers",
    ]);
  });
});
