import { type ValidationResult, type ValueType, validateRuleText } from "@strata/core/portable";
import * as vscode from "vscode";
import { toDiagnostic } from "./convert.ts";
import { isRuleDocument } from "./language.ts";

/** A document's latest check: the validator's result for one version of its text. */
export interface Checked {
  document: vscode.TextDocument;
  version: number;
  /** The text that was checked (the document's text at `version`). */
  text: string;
  result: ValidationResult;
}

/** Quiet time after a keystroke before the file is checked again, in ms. */
export const CHECK_DELAY_MS = 150;

/**
 * Checks rule files with core's validator while they are edited (debounced) and shows the
 * problems as diagnostics, naming the data's attributes as known names. Keeps each
 * document's latest result for quick fixes, lenses and the preview.
 */
export class RuleChecker implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection("strata");
  private readonly results = new Map<string, Checked>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly checked = new vscode.EventEmitter<Checked>();
  /** Fires after each check that is still current when it ends. */
  readonly onDidCheck = this.checked.event;

  constructor(
    private readonly attributes: () => Promise<Record<string, ValueType>>,
    private readonly delayMs = CHECK_DELAY_MS,
  ) {}

  /** Checks `document` once typing pauses. */
  schedule(document: vscode.TextDocument, delayMs = this.delayMs): void {
    if (!isRuleDocument(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.check(document);
      }, delayMs),
    );
  }

  /** Checks `document` now; the diagnostics are replaced only if no newer edit came meanwhile. */
  async check(document: vscode.TextDocument): Promise<Checked> {
    const version = document.version;
    const text = document.getText();
    const result = validateRuleText(text, { attributes: await this.attributes() });
    const checked: Checked = { document, version, text, result };
    if (document.isClosed || document.version !== version) return checked;
    this.results.set(document.uri.toString(), checked);
    this.collection.set(
      document.uri,
      result.diagnostics.map((d) => toDiagnostic(d, document.uri)),
    );
    this.checked.fire(checked);
    return checked;
  }

  /** The latest check of `document`, if it matches its current text. */
  latest(document: vscode.TextDocument): Checked | undefined {
    const found = this.results.get(document.uri.toString());
    return found && found.version === document.version ? found : undefined;
  }

  /** Checks every open rule file again (the data's attributes changed). */
  recheckAll(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.results.delete(key);
    this.collection.delete(document.uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.collection.dispose();
    this.checked.dispose();
  }
}
