/**
 * The TextMate injection grammar that colours `when:` conditions inside the YAML of a rule
 * file: keywords, operators, numbers, text, metric names (from core's catalogue, so a new
 * metric is coloured without touching this file) and other names. Built into
 * dist/syntaxes by the build script.
 */
export function whenInjectionGrammar(metrics: readonly string[]) {
  return {
    scopeName: "strata.when.injection",
    injectionSelector: "L:source.strata-tiers -comment",
    patterns: [{ include: "#when" }],
    repository: {
      when: {
        begin: "(?<=^|[\\s{,])(when)[ \\t]*(:)(?=[ \\t]|$)",
        beginCaptures: {
          "1": { name: "entity.name.tag.yaml" },
          "2": { name: "punctuation.separator.key-value.mapping.yaml" },
        },
        end: "$|(?=[ \\t]+#)",
        contentName: "meta.embedded.expression.strata",
        patterns: [{ include: "#expression" }],
      },
      expression: {
        patterns: [
          { name: "string.quoted.double.strata", match: '"(?:[^"\\\\]|\\\\.)*"?' },
          { name: "string.quoted.single.strata", match: "'(?:[^'\\\\]|\\\\.)*'?" },
          {
            name: "constant.numeric.strata",
            match: "(?<![A-Za-z_0-9])(?:[0-9][0-9_]*(?:\\.[0-9]+)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?",
          },
          { name: "keyword.operator.logical.strata", match: "\\b(?i:and|or|not)\\b" },
          { name: "keyword.operator.word.strata", match: "\\b(?i:in|between|is|missing)\\b" },
          { name: "constant.language.boolean.strata", match: "\\b(?i:true|false)\\b" },
          { name: "keyword.operator.comparison.strata", match: "==|!=|<=|>=|<|>" },
          { name: "keyword.operator.arithmetic.strata", match: "[+\\-*/]" },
          {
            name: "support.variable.metric.strata",
            match: `\\b(?:${metrics.join("|")})\\b`,
          },
          { name: "variable.other.strata", match: "[A-Za-z_][A-Za-z0-9_]*" },
          { name: "punctuation.section.brackets.strata", match: "[()\\[\\]]" },
          { name: "punctuation.separator.comma.strata", match: "," },
        ],
      },
    },
  };
}
