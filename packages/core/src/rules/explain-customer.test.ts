import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { explainCustomer } from "./explain-customer.ts";
import { validateRuleText } from "./validate.ts";

const { file } = validateRuleText(
  readFileSync(join(import.meta.dirname, "../../examples/retail.tiers.yaml"), "utf8"),
);
if (!file) throw new Error("retail example does not parse");

describe("explainCustomer", () => {
  it("says why the tier matched, with each value, and what the next tier up needs", () => {
    const [value, lifecycle] = explainCustomer(file, {
      monetary: 3200,
      frequency: 9,
      recency_days: 45,
      satisfaction: 8,
      rfm_segment: "Loyal",
    });
    expect(value).toMatchObject({
      dimension: "value",
      tier: "high",
      action: "Early access to new collections, loyalty points x2",
      because: ["monetary 3,200 >= 1,500 ✓"],
      // vip needs monetary >= 5000 and frequency >= 12: both fail, by 1,800 and 3.
      nextUp: {
        tier: "vip",
        failing: ["monetary 3,200 >= 5,000 ✗ (1,800 short)", "frequency 9 >= 12 ✗ (3 short)"],
      },
    });
    expect(lifecycle).toMatchObject({
      tier: "silent",
      because: ["recency_days 45 <= 90 ✓"],
      nextUp: { tier: "active", failing: ["recency_days 45 <= 30 ✗ (15 over)"] },
    });
  });

  it("explains a default tier and a missing value", () => {
    const explained = explainCustomer(file, { monetary: 0, frequency: 0, recency_days: null });
    const lifecycle = explained.find((d) => d.dimension === "lifecycle");
    expect(lifecycle?.tier).toBe("churned");
    expect(lifecycle?.because).toEqual(["no tier above it matched (default tier)"]);
    expect(lifecycle?.nextUp?.failing).toEqual(["recency_days missing <= 90 ✗ (missing)"]);
    const top = explainCustomer(file, { monetary: 9000, frequency: 30 }).find(
      (d) => d.dimension === "value",
    );
    expect(top?.tier).toBe("vip");
    expect(top?.nextUp).toBeNull();
  });
});
