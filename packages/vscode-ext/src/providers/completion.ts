import { type CompletionKind, completionsAt } from "@strata/core/portable";
import * as vscode from "vscode";
import type { DataService } from "../data/data-service.ts";

const KINDS: Record<CompletionKind, vscode.CompletionItemKind> = {
  metric: vscode.CompletionItemKind.Field,
  attribute: vscode.CompletionItemKind.Property,
  dimension: vscode.CompletionItemKind.Enum,
  tier: vscode.CompletionItemKind.EnumMember,
  value: vscode.CompletionItemKind.Value,
  keyword: vscode.CompletionItemKind.Keyword,
};

/**
 * Completion inside `when:` conditions: metrics, the data's attributes, earlier dimensions
 * and their tiers, known values and keywords, in core's order.
 */
export class RuleCompletions implements vscode.CompletionItemProvider {
  static readonly triggerCharacters = ['"', "'", "["];

  constructor(private readonly data: DataService) {}

  async provideCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
  ): Promise<vscode.CompletionItem[]> {
    const found = completionsAt(document.getText(), document.offsetAt(position), {
      attributes: await this.data.attributesSoon(),
      attributeValues: (name) => this.data.attributeValues(name),
    });
    if (!found) return [];
    const range = new vscode.Range(document.positionAt(found.from), document.positionAt(found.to));
    return found.items.map((c, i) => {
      const item = new vscode.CompletionItem(
        { label: c.label, description: c.detail },
        KINDS[c.kind],
      );
      item.detail = c.detail;
      if (c.documentation) item.documentation = c.documentation;
      if (c.insertText) item.insertText = c.insertText;
      item.range = range;
      item.sortText = String(i).padStart(4, "0");
      item.filterText = c.insertText ?? c.label;
      return item;
    });
  }
}
