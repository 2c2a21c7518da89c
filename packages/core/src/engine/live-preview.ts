import type { Value } from "../expression/ast.ts";
import { windowStart } from "../metrics/metrics-window.ts";
import { type Distribution, distributionOf } from "../metrics/value-distribution.ts";
import type { RuleFile } from "../rules/rule-file.ts";
import type { Day } from "../time/calendar.ts";
import { addRfm, type CustomerMetrics, ruleRow } from "./customer-metrics.ts";
import { evaluateTiers } from "./evaluate-tiers.ts";
import type { PreviewSource } from "./preview-source.ts";
import { type CustomerTiers, type TierChanges, tierChanges } from "./tier-changes.ts";
import { type Summary, summarise } from "./tier-summary.ts";

export interface LivePreviewResult {
  asOf: Day;
  summary: Summary;
  /** What the rules change against the saved ones; null when there are none to compare. */
  changes: TierChanges | null;
}

/** Saved rules to compare with: the file's model and its text (which keys the cache). */
export interface SavedRules {
  file: RuleFile;
  text: string;
}

/** How many metric sets (one per as-of day and window) are kept. */
const METRIC_SETS = 4;

/**
 * Previews rules while they are being edited. Customer metrics are read from the source once
 * per as-of day and window and kept, and the saved rules' tiers once per saved text, so each
 * new version of the edited text costs only evaluating its tiers in memory.
 */
export class LivePreview {
  private readonly metrics = new Map<string, Promise<CustomerMetrics[]>>();
  private saved: { key: string; tiers: CustomerTiers[] } | undefined;

  constructor(private readonly source: Pick<PreviewSource, "customerMetrics">) {}

  /**
   * Counts and shares per tier, unassigned customers and the matrix of the first two
   * dimensions for `rules` as of `asOf`, with the moves between tiers against `saved`.
   * `rules` must have validated without errors. Throws StrataError("storage") when the data
   * cannot be read.
   */
  async preview(rules: RuleFile, saved: SavedRules | null, asOf: Day): Promise<LivePreviewResult> {
    const { assignments } = evaluateTiers(rules, [...(await this.customers(rules, asOf))]);
    const after = assignments.map((a) => ({ customerId: a.customer.customer_id, tiers: a.tiers }));
    const summary = summarise(rules, assignments);
    if (!saved) return { asOf, summary, changes: null };
    const before = await this.savedTiers(saved, asOf);
    const ids = (file: RuleFile) => file.dimensions.map((d) => d.id);
    return { asOf, summary, changes: tierChanges(before, after, ids(saved.file), ids(rules)) };
  }

  /**
   * How a metric or attribute of `rules`' scope is spread over the customers as of `asOf`,
   * within the rules' window (RFM scores with its bins). Null when no customer has a value.
   */
  async distribution(rules: RuleFile, name: string, asOf: Day): Promise<Distribution | null> {
    const customers = await this.customers(rules, asOf);
    if (rules.rfm) addRfm(customers, rules.rfm.bins);
    return distributionOf(customers.map((c): Value => ruleRow(c)[name] ?? null));
  }

  /** Forgets everything read: call when the data changed. */
  clear(): void {
    this.metrics.clear();
    this.saved = undefined;
  }

  private async savedTiers(saved: SavedRules, asOf: Day): Promise<CustomerTiers[]> {
    const key = `${asOf}\u0000${saved.text}`;
    if (this.saved?.key !== key) {
      const { assignments } = evaluateTiers(saved.file, [
        ...(await this.customers(saved.file, asOf)),
      ]);
      this.saved = {
        key,
        tiers: assignments.map((a) => ({ customerId: a.customer.customer_id, tiers: a.tiers })),
      };
    }
    return this.saved.tiers;
  }

  /**
   * The customers' metrics for `rules`' window as of `asOf`. The objects are shared between
   * evaluations: RFM scores on them are those of the latest evaluation that enabled RFM, which
   * is harmless because rules that use scores always set them first.
   */
  private customers(rules: RuleFile, asOf: Day): Promise<CustomerMetrics[]> {
    const start = windowStart(rules.window, asOf);
    const key = `${asOf}:${start}`;
    let found = this.metrics.get(key);
    if (!found) {
      found = this.source.customerMetrics(asOf, start);
      found.catch(() => this.metrics.delete(key));
      this.metrics.set(key, found);
      for (const old of this.metrics.keys()) {
        if (this.metrics.size <= METRIC_SETS) break;
        this.metrics.delete(old);
      }
    }
    return found;
  }
}
