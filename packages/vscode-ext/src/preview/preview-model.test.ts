import { type LivePreviewResult, validateRuleText } from "@strata/core/portable";
import { describe, expect, it } from "vitest";
import type { ReadyData } from "../data/data-service.ts";
import type { Evaluated, Saved } from "../live-results.ts";
import { previewModel } from "./preview-model.ts";

const { file } = validateRuleText(`version: 1
dimensions:
  value:
    label: Value tier
    tiers:
      - id: vip
        label: VIP
        when: monetary >= 1000
      - id: low
        when: monetary > 0
  life:
    tiers:
      - id: active
        when: recency_days <= 30
      - id: gone
        default: true
`);
if (!file) throw new Error("rules");

const result: LivePreviewResult = {
  asOf: 0,
  summary: {
    customers: 8,
    dimensions: [
      {
        dimension: "value",
        label: "Value tier",
        unassigned: 2,
        tiers: [
          { tier: "vip", label: "VIP", count: 1, share: 1 / 8, monetaryShare: 0.6 },
          { tier: "low", label: "low", count: 5, share: 5 / 8, monetaryShare: 0.4 },
        ],
      },
      {
        dimension: "life",
        label: "life",
        unassigned: 0,
        tiers: [
          { tier: "active", label: "active", count: 3, share: 3 / 8, monetaryShare: 0.7 },
          { tier: "gone", label: "gone", count: 5, share: 5 / 8, monetaryShare: 0.3 },
        ],
      },
    ],
    matrix: {
      rows: "value",
      columns: "life",
      counts: { "(unassigned)": { gone: 2 }, low: { gone: 3, active: 2 }, vip: { active: 1 } },
      monetaryShare: {
        "(unassigned)": { gone: 0.05 },
        low: { gone: 0.25, active: 0.2 },
        vip: { active: 0.5 },
      },
    },
  },
  changes: {
    customers: 1234,
    moves: [
      { dimension: "value", from: "low", to: "vip", count: 1200 },
      { dimension: "value", from: null, to: "low", count: 34 },
    ],
    added: ["life"],
    removed: [],
  },
};
const data = {
  location: { kind: "demo", label: "demo shop (bundled)" },
  asOf: { day: 0, text: "2026-06-30 (latest order)" },
} as ReadyData;
const saved: Saved = { kind: "compared", same: false };
const evaluated: Evaluated = { version: 1, dirty: false, file, result, data, saved };

describe("previewModel", () => {
  it("gives each tier its count, share and revenue share as text, and its bar length", () => {
    const model = previewModel("shop.tiers.yaml", { kind: "ready", evaluated });
    expect(model.data).toBe("demo shop (bundled) · 8 customers · as of 2026-06-30 (latest order)");
    expect(model.notice).toBeNull();
    expect(model.dimensions[0]).toEqual({
      id: "value",
      label: "Value tier",
      tiers: [
        {
          id: "vip",
          label: "VIP",
          count: 1,
          countText: "1",
          percent: 12.5,
          shareText: "12.5%",
          monetaryShareText: "60.0%",
        },
        {
          id: "low",
          label: "low",
          count: 5,
          countText: "5",
          percent: 62.5,
          shareText: "62.5%",
          monetaryShareText: "40.0%",
        },
      ],
      unassigned: { count: 2, countText: "2", shareText: "25.0%" },
    });
    expect(model.dimensions[1]?.unassigned).toBeNull();
  });

  it("orders the matrix by the file's tiers, unassigned last, with cell weights against the largest", () => {
    const { matrix } = previewModel("x", { kind: "ready", evaluated });
    expect(matrix).toEqual({
      rows: "Value tier",
      columns: "life",
      columnLabels: ["active", "gone"],
      cells: [
        {
          label: "vip",
          counts: [
            { text: "1", count: 1, weight: 0.33 },
            { text: "0", count: 0, weight: 0 },
          ],
        },
        {
          label: "low",
          counts: [
            { text: "2", count: 2, weight: 0.67 },
            { text: "3", count: 3, weight: 1 },
          ],
        },
        {
          label: "(unassigned)",
          counts: [
            { text: "0", count: 0, weight: 0 },
            { text: "2", count: 2, weight: 0.67 },
          ],
        },
      ],
    });
  });

  it("tells how many customers the edit moves, and from which tier to which", () => {
    const { changes } = previewModel("x", { kind: "ready", evaluated });
    expect(changes).toEqual({
      headline: "Compared with the saved file, 1,234 customers change tier.",
      moves: [
        { dimension: "value", from: "low", to: "vip", count: 1200, countText: "1,200" },
        { dimension: "value", from: "(unassigned)", to: "low", count: 34, countText: "34" },
      ],
      notes: ["New dimension 'life' (not in the saved file)."],
    });
    const one = previewModel("x", {
      kind: "ready",
      evaluated: {
        ...evaluated,
        result: { ...result, changes: result.changes && { ...result.changes, customers: 1 } },
      },
    });
    expect(one.changes?.headline).toBe("Compared with the saved file, 1 customer changes tier.");
    const unchanged = previewModel("x", {
      kind: "ready",
      evaluated: { ...evaluated, saved: { ...saved, same: true } },
    });
    expect(unchanged.changes?.headline).toBe(
      "No unsaved changes: the saved file gives the same tiers.",
    );
    const none = previewModel("x", {
      kind: "ready",
      evaluated: { ...evaluated, saved: { kind: "none", why: "the saved file has errors" } },
    });
    expect(none.changes?.headline).toBe(
      "No comparison with the saved file: the saved file has errors.",
    );
  });

  it("keeps showing the last result with a notice while the file has errors", () => {
    const model = previewModel("x", { kind: "has-errors", errors: 2, last: evaluated });
    expect(model.notice).toEqual({
      kind: "warning",
      text: "The file has 2 errors (see Problems): showing the last version without errors.",
    });
    expect(model.dimensions).toHaveLength(2);
    expect(
      previewModel("x", { kind: "no-data", message: "cannot read x.db", last: undefined }),
    ).toMatchObject({
      notice: { kind: "error", text: "No data to preview: cannot read x.db" },
      dimensions: [],
    });
  });
});
