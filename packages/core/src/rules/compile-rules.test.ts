import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RFM_SEGMENTS } from "../metrics/metric-catalogue.ts";
import { compileRules } from "./compile-rules.ts";
import { validateRuleText } from "./validate.ts";

function load(name: string) {
  const { file, ok } = validateRuleText(
    readFileSync(join(import.meta.dirname, "../../examples", name), "utf8"),
  );
  if (!file || !ok) throw new Error(`${name} does not validate`);
  return compileRules(file);
}

describe("compileRules", () => {
  const retail = load("retail.tiers.yaml");

  it("takes the first tier that holds, top to bottom", () => {
    expect(retail.assign({ monetary: 6000, frequency: 12 }).value).toBe("vip");
    expect(retail.assign({ monetary: 6000, frequency: 11 }).value).toBe("high");
    expect(retail.assign({ monetary: 299, frequency: 4 }).value).toBe("medium");
    expect(retail.assign({ monetary: 299, frequency: 3 }).value).toBe("low");
  });

  it("treats missing values as SQL does: the comparison is not true", () => {
    expect(retail.assign({ recency_days: null }).lifecycle).toBe("churned");
    expect(retail.assign({}).csat).toBe("unknown");
    expect(retail.assign({ satisfaction: 3 }).csat).toBe("detractor");
  });

  it("lets a later dimension use an earlier one's tier", () => {
    const b2b = load("b2b.tiers.yaml");
    const key = { monetary: 60_000, product_types: 5, frequency: 3, tenure_days: 100 };
    expect(b2b.assign(key)).toMatchObject({
      account_value: "key",
      needs: "solution",
      coverage: "dedicated",
    });
    expect(b2b.assign({ ...key, product_types: 1 }).coverage).toBe("pooled");
  });

  it("rfm.tiers.yaml places each of the 125 score cells in the standard R x FM grid", () => {
    const rfm = load("rfm.tiers.yaml");
    // The standard grid, written independently of the rule file: R against FM = (F + M) / 2.
    const expected = (r: number, fm: number): string => {
      if (r === 5 && fm >= 4) return "Champions";
      if (r >= 3 && fm >= 4) return "Loyal";
      if (r >= 4 && fm >= 2) return "Potential Loyalist";
      if (r === 5) return "New";
      if (r === 4) return "Promising";
      if (r === 3 && fm >= 3) return "Need Attention";
      if (r === 3) return "About to Sleep";
      if (fm >= 4.5) return "Can't Lose Them";
      if (fm >= 3) return "At Risk";
      if (r === 2 || fm >= 2) return "Hibernating";
      return "Lost";
    };
    const labels = new Map(
      RFM_SEGMENTS.map((s) => [
        s
          .toLowerCase()
          .replace(/[^a-z]+/g, "_")
          .replace("can_t", "cant"),
        s,
      ]),
    );
    const seen = new Set<string>();
    for (let r = 1; r <= 5; r++) {
      for (let f = 1; f <= 5; f++) {
        for (let m = 1; m <= 5; m++) {
          const tier = rfm.assign({ r_score: r, f_score: f, m_score: m }).rfm ?? "";
          const segment = labels.get(tier);
          expect(segment, `r=${r} f=${f} m=${m}`).toBe(expected(r, (f + m) / 2));
          seen.add(tier);
        }
      }
    }
    expect(seen.size).toBe(11);
  });
});
