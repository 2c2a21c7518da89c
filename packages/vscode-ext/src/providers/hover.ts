import { type Distribution, formatDay, nameAt } from "@strata/core/portable";
import * as vscode from "vscode";
import type { DataService } from "../data/data-service.ts";
import { hoverText } from "./hover-text.ts";

/** Hover on a name in a condition: its definition and its min, median and max in the data. */
export class RuleHover implements vscode.HoverProvider {
  constructor(private readonly data: DataService) {}

  async provideHover(
    document: vscode.TextDocument,
    position: vscode.Position,
  ): Promise<vscode.Hover | undefined> {
    const attributes = await this.data.attributesSoon();
    const found = nameAt(document.getText(), document.offsetAt(position), { attributes });
    const binding = found?.binding;
    if (!found || !binding) return undefined;
    let distribution: Distribution | null | undefined;
    let dataLine: string | undefined;
    // A metric the file does not enable (rfm_segment without `rfm:`) has no values to show.
    const inData = binding.kind === "attribute" || (binding.kind === "metric" && binding.enabled);
    const data = found.file && inData ? await this.data.readySoon() : undefined;
    if (found.file && data) {
      try {
        distribution = await data.session.distribution(
          document.getText(),
          found.name,
          data.asOf.day,
        );
        const window = found.file.window ? `, window ${found.file.window.text}` : "";
        dataLine = `${data.location.label}, as of ${formatDay(data.asOf.day)}${window}`;
      } catch {
        distribution = undefined;
      }
    }
    const markdown = new vscode.MarkdownString(
      hoverText(found.name, binding, distribution, dataLine),
    );
    const range = new vscode.Range(document.positionAt(found.from), document.positionAt(found.to));
    return new vscode.Hover(markdown, range);
  }
}
