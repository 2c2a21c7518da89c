import type { Value } from "../expression/ast.ts";
import { windowStart } from "../metrics/metrics-window.ts";
import { type Distribution, distributionOf } from "../metrics/value-distribution.ts";
import type { RuleFile } from "../rules/rule-file.ts";
import type { Day } from "../time/calendar.ts";
import { addClv } from "./customer-clv.ts";
import type { CustomerMetrics } from "./customer-metrics.ts";
import { type Assignment, assignTiers, type PreparedRows, prepareRows } from "./evaluate-tiers.ts";
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

/** How many metric sets (one per as-of day, window and RFM bins) are kept. */
const METRIC_SETS = 4;

interface Prepared extends PreparedRows {
  customers: CustomerMetrics[];
}

/**
 * Previews rules while they are being edited. Customer metrics are read from the source, and
 * the rows conditions read (with RFM scores) prepared, once per as-of day, window and RFM
 * bins, and the saved rules' tiers once per saved text: each new version of the edited text
 * costs only evaluating its conditions in memory.
 */
export class LivePreview {
  private readonly metrics = new Map<string, Promise<CustomerMetrics[]>>();
  private readonly prepared = new Map<string, Promise<Prepared>>();
  private saved: { key: string; tiers: CustomerTiers[] } | undefined;
  /** Counts clear() calls: a read begun before one must not be kept after it. */
  private generation = 0;

  constructor(private readonly source: Pick<PreviewSource, "customerMetrics" | "purchaseDays">) {}

  /**
   * Counts and shares per tier, unassigned customers and the matrix of the first two
   * dimensions for `rules` as of `asOf`, with the moves between tiers against `saved`.
   * `rules` must have validated without errors. Throws StrataError("storage") when the data
   * cannot be read.
   */
  async preview(rules: RuleFile, saved: SavedRules | null, asOf: Day): Promise<LivePreviewResult> {
    const assignments = await this.evaluate(rules, asOf);
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
    const { rows } = await this.prepare(rules, asOf);
    return distributionOf(rows.map((row): Value => row[name] ?? null));
  }

  /** Forgets everything read: call when the data changed. */
  clear(): void {
    this.metrics.clear();
    this.prepared.clear();
    this.saved = undefined;
    this.generation++;
  }

  private async savedTiers(saved: SavedRules, asOf: Day): Promise<CustomerTiers[]> {
    const key = `${asOf}\u0000${saved.text}`;
    if (this.saved?.key === key) return this.saved.tiers;
    const generation = this.generation;
    const assignments = await this.evaluate(saved.file, asOf);
    const tiers = assignments.map((a) => ({ customerId: a.customer.customer_id, tiers: a.tiers }));
    if (generation === this.generation) this.saved = { key, tiers };
    return tiers;
  }

  private async evaluate(rules: RuleFile, asOf: Day): Promise<Assignment[]> {
    const { customers, rows } = await this.prepare(rules, asOf);
    return assignTiers(rules, customers, (_, i) => rows[i] ?? {});
  }

  /**
   * Customers and their rows for `rules`' window, RFM bins and CLV as of `asOf` (BG/NBD
   * fitted on everyone, as `strata preview` does), kept. The metric objects are shared
   * between these: scores on them are those of the latest preparation, which is harmless
   * because rows are copies taken right after scoring.
   */
  private prepare(rules: RuleFile, asOf: Day): Promise<Prepared> {
    const start = windowStart(rules.window, asOf);
    const metricsKey = `${asOf}:${start}`;
    const key = `${metricsKey}:${rules.rfm?.bins ?? 0}:${rules.clv ? "clv" : ""}`;
    return remember(this.prepared, key, async () => {
      const customers = await remember(this.metrics, metricsKey, () =>
        this.source.customerMetrics(asOf, start),
      );
      if (rules.clv) await addClv(this.source, asOf, customers, null);
      return { customers, ...prepareRows(rules, customers) };
    });
  }
}

/** The cached promise for `key`, made by `make` when missing; a failure is not kept. */
function remember<T>(
  cache: Map<string, Promise<T>>,
  key: string,
  make: () => Promise<T>,
): Promise<T> {
  const found = cache.get(key);
  if (found) return found;
  const made = make();
  made.catch(() => {
    if (cache.get(key) === made) cache.delete(key);
  });
  cache.set(key, made);
  for (const old of cache.keys()) {
    if (cache.size <= METRIC_SETS) break;
    cache.delete(old);
  }
  return made;
}
