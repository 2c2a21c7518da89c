import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileRules } from "../rules/compile-rules.ts";
import { validateRuleText } from "../rules/validate.ts";
import { RFM_SEGMENTS } from "./metric-catalogue.ts";
import { quantileCuts, quantileScores, rfmSegment, scoreFromCuts } from "./rfm-scores.ts";

describe("quantileScores", () => {
  it("splits ten distinct values into five scores of two (worked by hand)", () => {
    // sorted: 1 2 | 3 4 | 5 6 | 7 8 | 9 10  -> scores 1 1 2 2 3 3 4 4 5 5
    expect(quantileScores([5, 1, 3, 10, 9, 7, 2, 8, 6, 4], 5)).toEqual([
      3, 1, 2, 5, 5, 4, 1, 4, 3, 2,
    ]);
  });

  it("gives ties one score, the worst value 1, and missing values none", () => {
    // n = 8 present; 1 x4 -> below 0 -> 1; 2 -> below 4 -> floor(5*4/8)+1 = 3;
    // 3 x2 -> below 5 -> floor(25/8)+1 = 4; 9 -> below 7 -> floor(35/8)+1 = 5.
    expect(quantileScores([1, 1, null, 1, 2, 3, 1, 3, 9], 5)).toEqual([
      1,
      1,
      null,
      1,
      3,
      4,
      1,
      4,
      5,
    ]);
  });

  it("scores recency the other way round: the most recent scores highest", () => {
    expect(quantileScores([0, 400, 30, 30], 4, true)).toEqual([4, 1, 2, 2]);
  });
});

describe("rfmSegment", () => {
  it("agrees with rfm.tiers.yaml, a second writing of the same grid, on all 125 cells", () => {
    const text = readFileSync(join(import.meta.dirname, "../../examples/rfm.tiers.yaml"), "utf8");
    const { file } = validateRuleText(text);
    if (!file) throw new Error("rfm example does not parse");
    const rules = compileRules(file);
    const byId = new Map(file.dimensions[0]?.tiers.map((t) => [t.id, t.label] as const) ?? []);
    for (let r = 1; r <= 5; r++) {
      for (let f = 1; f <= 5; f++) {
        for (let m = 1; m <= 5; m++) {
          const tier = rules.assign({ r_score: r, f_score: f, m_score: m }).rfm ?? "";
          expect(rfmSegment(r, f, m), `r=${r} f=${f} m=${m}`).toBe(byId.get(tier));
        }
      }
    }
    expect(new Set(byId.values())).toEqual(new Set(RFM_SEGMENTS));
  });
});

describe("quantileCuts / scoreFromCuts", () => {
  it("give every customer of the population the score quantileScores gives", () => {
    const values = [5, 1, 1, 1, 2, 3, 3, 9, 40, 7, 7, 7, 12, null];
    for (const lowerIsBetter of [false, true]) {
      const scores = quantileScores(values, 5, lowerIsBetter);
      const cuts = quantileCuts(values, 5, lowerIsBetter);
      values.forEach((v, i) => {
        if (v !== null) expect(scoreFromCuts(v, cuts, lowerIsBetter)).toBe(scores[i]);
      });
    }
  });
});
