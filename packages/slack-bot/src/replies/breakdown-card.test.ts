import type { Breakdown } from "@strata/core";
import { describe, expect, it } from "vitest";
import { shownText } from "../testing/read-reply.ts";
import { breakdownCard } from "./breakdown-card.ts";

describe("the breakdown card", () => {
  it("keeps 60 dimensions within 50 blocks, naming those it leaves out", () => {
    const dimensions = Array.from({ length: 60 }, (_, i) => ({
      dimension: `d${i + 1}`,
      label: `Dimension ${i + 1}`,
      tiers: [{ tier: "a", label: "A", count: 3, share: 0.75, monetaryShare: 0.9 }],
      unassigned: 1,
    }));
    const answer: Breakdown = {
      asOf: "2026-03-18",
      summary: { customers: 4, dimensions, matrix: null },
    };
    const card = breakdownCard(answer);
    expect(card.blocks).toHaveLength(50);
    const text = shownText(card);
    expect(text).toContain("*Dimension 47*\nA *3* (75.0%) · unassigned *1*");
    expect(text).not.toContain("*Dimension 48*");
    expect(text).toContain(
      `and 13 more dimensions: ${Array.from({ length: 13 }, (_, i) => `Dimension ${i + 48}`).join(", ")}`,
    );
    expect(text).toContain("4 customers with orders · as of 2026-03-18");
  });
});
