import * as vscode from "vscode";
import { toRange } from "../convert.ts";
import { formatCount, formatShare } from "../format-numbers.ts";
import { type LiveResults, lastEvaluated } from "../live-results.ts";
import type { RuleChecker } from "../rule-checker.ts";

/**
 * A lens above each tier with its customer count and share in the data. Tiers sit where the
 * latest check found them; counts come from the latest evaluation, so lenses stay put while
 * typing and update when a new evaluation lands.
 */
export class TierCodeLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly checker: RuleChecker,
    private readonly live: LiveResults,
  ) {
    this.subscription = live.onDidUpdate(() => this.changed.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const evaluated = lastEvaluated(this.live.get(document.uri));
    const file = this.checker.latest(document)?.result.file ?? evaluated?.file;
    if (!evaluated || !file) return [];
    const counts = new Map(
      evaluated.result.summary.dimensions.flatMap((d) =>
        d.tiers.map((t) => [`${d.dimension}\u0000${t.tier}`, t] as const),
      ),
    );
    const lenses: vscode.CodeLens[] = [];
    for (const dimension of file.dimensions) {
      for (const tier of dimension.tiers) {
        const count = counts.get(`${dimension.id}\u0000${tier.id}`);
        if (!count) continue;
        const title = `${formatCount(count.count, "customer")} · ${formatShare(count.share)} · ${formatShare(count.monetaryShare)} of revenue`;
        lenses.push(
          new vscode.CodeLens(toRange(tier.range), {
            title,
            tooltip: `Customers in tier '${tier.id}' as of ${evaluated.data.asOf.text} (${evaluated.data.location.label})`,
            command: "strata.openPreviewToSide",
            arguments: [document.uri],
          }),
        );
      }
    }
    return lenses;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
