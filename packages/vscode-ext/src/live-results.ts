import type { LivePreviewResult, RuleFile } from "@strata/core/portable";
import * as vscode from "vscode";
import type { DataService, ReadyData } from "./data/data-service.ts";
import { LatestOnly } from "./latest-only.ts";
import type { Checked, RuleChecker } from "./rule-checker.ts";
import { savedText } from "./saved-rules.ts";

/** How an evaluation compares with the saved file. */
export type Saved = { kind: "compared"; same: boolean } | { kind: "none"; why: string };

/** A preview of one version of a rule file. */
export interface Evaluated {
  version: number;
  /** Whether the document had unsaved changes: saving changes what it is compared with. */
  dirty: boolean;
  file: RuleFile;
  result: LivePreviewResult;
  data: ReadyData;
  saved: Saved;
}

/** What is known of a rule file's effect on the data right now. */
export type LiveState =
  | { kind: "evaluating"; last: Evaluated | undefined }
  | { kind: "ready"; evaluated: Evaluated }
  | { kind: "has-errors"; errors: number; last: Evaluated | undefined }
  | { kind: "no-data"; message: string; last: Evaluated | undefined };

/**
 * Evaluates each checked version of the rule files being looked at against the data (in the
 * data worker) and keeps the newest result per file. A result that a newer version overtook
 * is dropped, never shown.
 */
export class LiveResults implements vscode.Disposable {
  private readonly states = new Map<string, LiveState>();
  private readonly runners = new Map<string, LatestOnly<LiveState>>();
  private readonly updated = new vscode.EventEmitter<vscode.Uri>();
  private readonly disposables: vscode.Disposable[] = [this.updated];
  /** Fires when a file's state changes. */
  readonly onDidUpdate = this.updated.event;

  constructor(
    private readonly checker: RuleChecker,
    private readonly data: DataService,
    /** Whether a document is being looked at (visible, or shown in the preview). */
    private readonly watched: (document: vscode.TextDocument) => boolean,
  ) {
    this.disposables.push(checker.onDidCheck((checked) => this.checkedFile(checked)));
  }

  get(uri: vscode.Uri): LiveState | undefined {
    return this.states.get(uri.toString());
  }

  /** Evaluates `document` now if its check is current, else after its next check. */
  refresh(document: vscode.TextDocument): void {
    const checked = this.checker.latest(document);
    if (checked) this.evaluate(checked, true);
    else this.checker.schedule(document, 0);
  }

  private checkedFile(checked: Checked): void {
    if (this.watched(checked.document)) this.evaluate(checked, false);
  }

  private evaluate(checked: Checked, force: boolean): void {
    const key = checked.document.uri.toString();
    const last = lastEvaluated(this.states.get(key));
    const { file, ok, diagnostics } = checked.result;
    if (!file || !ok) {
      this.runners.get(key)?.cancel();
      const errors = diagnostics.filter((d) => d.severity === "error").length;
      this.set(checked.document.uri, { kind: "has-errors", errors, last });
      return;
    }
    const current = this.data.state;
    const sameData =
      current.state === "ready" &&
      last?.data.session === current.session &&
      last.data.asOf.day === current.asOf.day;
    const sameText = last?.version === checked.version && last.dirty === checked.document.isDirty;
    if (!force && sameData && sameText) return;
    let runner = this.runners.get(key);
    if (!runner) {
      runner = new LatestOnly<LiveState>(0, (state) => this.set(checked.document.uri, state));
      this.runners.set(key, runner);
    }
    if (this.states.get(key)?.kind !== "ready") {
      this.set(checked.document.uri, { kind: "evaluating", last });
    }
    const dirty = checked.document.isDirty;
    runner.request(async (): Promise<LiveState> => {
      try {
        const data = await this.data.ready();
        const before = await savedText(checked.document);
        const { result, savedValid } = await data.session.preview(
          checked.text,
          before.kind === "text" ? before.text : null,
          data.asOf.day,
        );
        const saved: Saved =
          before.kind === "none"
            ? before
            : savedValid
              ? { kind: "compared", same: before.same }
              : { kind: "none", why: "the saved file has errors" };
        return {
          kind: "ready",
          evaluated: { version: checked.version, dirty, file, result, data, saved },
        };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { kind: "no-data", message, last };
      }
    });
  }

  private set(uri: vscode.Uri, state: LiveState): void {
    this.states.set(uri.toString(), state);
    this.updated.fire(uri);
  }

  forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.runners.get(key)?.cancel();
    this.runners.delete(key);
    this.states.delete(key);
  }

  dispose(): void {
    for (const runner of this.runners.values()) runner.cancel();
    for (const d of this.disposables) d.dispose();
  }
}

/** The newest evaluation a state holds or remembers. */
export function lastEvaluated(state: LiveState | undefined): Evaluated | undefined {
  if (!state) return undefined;
  return state.kind === "ready" ? state.evaluated : state.last;
}
