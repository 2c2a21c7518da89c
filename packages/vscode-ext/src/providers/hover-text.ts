import type { Binding, Distribution } from "@strata/core/portable";
import { formatCount, formatNumber } from "../format-numbers.ts";

/** What a hover says about a name: what it is, and how it is spread in the data. */
export function hoverText(
  name: string,
  binding: Binding,
  distribution: Distribution | null | undefined,
  dataLine: string | undefined,
): string {
  const lines: string[] = [];
  switch (binding.kind) {
    case "metric": {
      const { metric } = binding;
      const facts = ["metric", metric.type, metric.unit].filter(Boolean).join(" · ");
      lines.push(`**${name}** · ${facts}`, "", metric.description);
      if (!binding.enabled) {
        const setting = metric.requires === "rfm" ? "rfm: { bins: 5 }" : "clv: { model: bgnbd }";
        lines.push("", `Needs \`${setting}\` at the top of the file.`);
      }
      break;
    }
    case "attribute":
      lines.push(`**${name}** · customer attribute · ${binding.type}`);
      break;
    case "dimension":
      lines.push(`**${name}** · dimension`, "", `Tiers: ${binding.tiers.join(", ")}`);
      return lines.join("\n");
  }
  if (distribution === undefined) return lines.join("\n");
  lines.push("", `In the data${dataLine ? ` (${escapeMarkdown(dataLine)})` : ""}:`, "");
  if (distribution === null) {
    lines.push("no customer has a value.");
  } else if (distribution.kind === "number") {
    lines.push(
      `min **${formatNumber(distribution.min)}** · median **${formatNumber(distribution.median)}** · max **${formatNumber(distribution.max)}**`,
    );
  } else {
    const values = distribution.values.map(
      (v) => `${escapeMarkdown(v.value)} (${formatNumber(v.count)})`,
    );
    const more = distribution.distinct - distribution.values.length;
    lines.push(`${values.join(", ")}${more > 0 ? ` and ${formatNumber(more)} more` : ""}`);
  }
  const counted = `${formatCount(distribution?.customers ?? 0, "customer")} with a value`;
  const missing = distribution?.missing ? `, ${formatNumber(distribution.missing)} missing` : "";
  lines.push("", `${counted}${missing}.`);
  return lines.join("\n");
}

/**
 * `text` shown as itself in Markdown: customers' values and file names are data, so `*`, `_`,
 * `[x](y)`, `<b>` or a line break in them must not format, link or break the hover.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\s+/g, " ").replace(/[!-/:-@[-`{-~]/g, "\\$&");
}
