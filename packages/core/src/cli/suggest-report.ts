import type { Suggestion } from "../cluster/suggest-segments.ts";
import { count, money, percent, table } from "./text-format.ts";

/** What `strata suggest --json` prints. */
export function suggestionJson(s: Suggestion, asOf: string, out: string) {
  return {
    asOf,
    out,
    k: s.k,
    scores: s.scores,
    features: s.features.map((f) => ({ name: f.name, logged: f.logged, skewness: f.skewness })),
    customers: s.customers,
    skipped: s.skipped,
    treeDepth: s.treeDepth,
    agreement: s.agreement,
    tiers: s.tiers.map((t) => ({
      id: t.id,
      label: t.label,
      when: t.when,
      default: t.when === null,
      size: t.profile.size,
      share: t.profile.share,
      recencyDays: t.profile.recencyDays,
      frequency: t.profile.frequency,
      monetary: t.profile.monetary,
      agreement: t.agreement,
    })),
    unruled: s.unruled.map((p) => ({ cluster: p.cluster + 1, size: p.size })),
  };
}

/** What `strata suggest` prints: features, each k's silhouette, the tiers with their rules. */
export function suggestionReport(s: Suggestion, asOf: string, out: string): string[] {
  const features = s.features.map((f) =>
    f.logged ? `${f.name} (as ln(1 + x), skewness ${f.skewness.toFixed(1)})` : f.name,
  );
  const lines = [
    `Clustered ${count(s.customers)} customers as of ${asOf} on ${features.join(", ")}, standardised.`,
  ];
  if (s.skipped > 0)
    lines.push(`${count(s.skipped)} customers without every feature are left to the default tier.`);
  if (s.scores) {
    lines.push("", "k by silhouette (higher is better):");
    lines.push(
      ...table(
        ["k", "silhouette", ""],
        s.scores.map((x) => [String(x.k), x.silhouette.toFixed(3), x.k === s.k ? "← chosen" : ""]),
        [0, 1],
      ).map((l) => `  ${l}`),
    );
  }
  lines.push("", `${s.tiers.length} tiers from a decision tree of depth ${s.treeDepth}:`);
  lines.push(
    ...table(
      ["tier", "customers", "share", "recency", "frequency", "monetary", "agreement", "rule"],
      s.tiers.map((t) => [
        t.id,
        count(t.profile.size),
        percent(t.profile.share),
        t.profile.recencyDays === null ? "" : `${count(Math.round(t.profile.recencyDays))} d`,
        t.profile.frequency.toFixed(1),
        money(t.profile.monetary),
        t.agreement === null ? "" : percent(t.agreement),
        t.when ?? "(default)",
      ]),
      [1, 2, 3, 4, 5, 6],
    ).map((l) => `  ${l}`),
  );
  for (const p of s.unruled)
    lines.push(
      `  cluster ${p.cluster + 1} (${count(p.size)} customers) has no rule of its own at this depth`,
    );
  lines.push(
    "",
    `The rules place ${percent(s.agreement)} of the customers in their cluster's tier.`,
    `Wrote ${out}. Preview it with: strata preview ${out}`,
  );
  return lines;
}
