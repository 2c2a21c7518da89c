/**
 * A small stand-in for the `vscode` module, for unit tests of the providers outside VS Code
 * (vitest aliases `vscode` to this file). It implements the value classes the providers
 * build (ranges, diagnostics, edits, items) with VS Code's semantics, and records what the
 * extension registers; it runs no editor. The integration suite and the end-to-end test run
 * the same providers in a real VS Code.
 */

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
  isEqual(other: Position): boolean {
    return this.line === other.line && this.character === other.character;
  }
  isBefore(other: Position): boolean {
    return this.line < other.line || (this.line === other.line && this.character < other.character);
  }
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: Position | number, b: Position | number, c?: number, d?: number) {
    if (typeof a === "number" && typeof b === "number") {
      this.start = new Position(a, b);
      this.end = new Position(c ?? a, d ?? b);
    } else {
      this.start = a as Position;
      this.end = b as Position;
    }
  }
  isEqual(other: Range): boolean {
    return this.start.isEqual(other.start) && this.end.isEqual(other.end);
  }
  contains(position: Position): boolean {
    return !position.isBefore(this.start) && !this.end.isBefore(position);
  }
}

export class Selection extends Range {}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  static file(path: string): Uri {
    return new Uri("file", path);
  }
  static parse(text: string): Uri {
    const [scheme, rest] = text.split(":", 2);
    return new Uri(scheme ?? "file", (rest ?? "").replace(/^\/\//, ""));
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri(base.scheme, [base.path, ...parts].join("/"));
  }
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}

export enum DiagnosticSeverity {
  Error = 0,
  Warning = 1,
  Information = 2,
  Hint = 3,
}

export enum DiagnosticTag {
  Unnecessary = 1,
  Deprecated = 2,
}

export class Location {
  constructor(
    readonly uri: Uri,
    readonly range: Range,
  ) {}
}

export class DiagnosticRelatedInformation {
  constructor(
    readonly location: Location,
    readonly message: string,
  ) {}
}

export class Diagnostic {
  source?: string;
  code?: string | number | { value: string | number; target: Uri };
  tags?: DiagnosticTag[];
  relatedInformation?: DiagnosticRelatedInformation[];
  constructor(
    readonly range: Range,
    readonly message: string,
    readonly severity: DiagnosticSeverity = DiagnosticSeverity.Error,
  ) {}
}

export class TextEdit {
  constructor(
    readonly range: Range,
    readonly newText: string,
  ) {}
  static replace(range: Range, newText: string): TextEdit {
    return new TextEdit(range, newText);
  }
}

export class WorkspaceEdit {
  readonly edits: Array<{ uri: Uri; edit: TextEdit }> = [];
  replace(uri: Uri, range: Range, newText: string): void {
    this.edits.push({ uri, edit: new TextEdit(range, newText) });
  }
}

export class CodeActionKind {
  static readonly QuickFix = new CodeActionKind("quickfix");
  private constructor(readonly value: string) {}
}

export class CodeAction {
  edit?: WorkspaceEdit;
  diagnostics?: Diagnostic[];
  isPreferred?: boolean;
  constructor(
    readonly title: string,
    readonly kind?: CodeActionKind,
  ) {}
}

export enum CompletionItemKind {
  Text = 0,
  Keyword = 13,
  Field = 4,
  Property = 9,
  Enum = 12,
  EnumMember = 19,
  Value = 11,
}

export class CompletionItem {
  detail?: string;
  documentation?: string;
  insertText?: string;
  range?: Range;
  sortText?: string;
  filterText?: string;
  constructor(
    readonly label: string | { label: string; description?: string },
    readonly kind?: CompletionItemKind,
  ) {}
}

export class MarkdownString {
  constructor(readonly value = "") {}
}

export class Hover {
  constructor(
    readonly contents: MarkdownString,
    readonly range?: Range,
  ) {}
}

export class CodeLens {
  constructor(
    readonly range: Range,
    readonly command?: { title: string; command: string; tooltip?: string; arguments?: unknown[] },
  ) {}
}

export class RelativePattern {
  constructor(
    readonly base: Uri,
    readonly pattern: string,
  ) {}
}

export class EventEmitter<T> {
  private listeners: Array<(value: T) => void> = [];
  readonly event = (listener: (value: T) => void) => {
    this.listeners.push(listener);
    return { dispose: () => this.listeners.splice(this.listeners.indexOf(listener), 1) };
  };
  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export enum StatusBarAlignment {
  Left = 1,
  Right = 2,
}

export enum ViewColumn {
  Active = -1,
  Beside = -2,
}

export enum ConfigurationTarget {
  Global = 1,
  Workspace = 2,
}

const noEvent = () => ({ dispose() {} });

/** What the extension registered: provider kinds and command ids, in order. */
export const registered: string[] = [];

function registrar(kind: string) {
  return (..._args: unknown[]) => {
    registered.push(kind);
    return { dispose() {} };
  };
}

/** Diagnostics the extension set, by document URI. */
export const shownDiagnostics = new Map<string, Diagnostic[]>();

/** Settings tests set for `workspace.getConfiguration`; `update` writes here too. */
export const settings = new Map<string, unknown>();

/** Where each `update` of a setting was saved. */
export const settingTargets = new Map<string, ConfigurationTarget>();

export const languages = {
  createDiagnosticCollection: (_name: string) => ({
    set: (uri: Uri, diagnostics: Diagnostic[]) => shownDiagnostics.set(uri.toString(), diagnostics),
    delete: (uri: Uri) => shownDiagnostics.delete(uri.toString()),
    dispose() {},
  }),
  /** VS Code's score, reduced to what the extension's selector uses: 10 for a match, else 0. */
  match: (
    selector: ReadonlyArray<{ language?: string; scheme?: string }>,
    document: { languageId: string; uri: Uri },
  ) =>
    selector.some(
      (f) =>
        (f.language === undefined || f.language === document.languageId) &&
        (f.scheme === undefined || f.scheme === document.uri.scheme),
    )
      ? 10
      : 0,
  registerCodeActionsProvider: registrar("code actions"),
  registerCompletionItemProvider: registrar("completion"),
  registerHoverProvider: registrar("hover"),
  registerCodeLensProvider: registrar("code lens"),
  registerDocumentFormattingEditProvider: registrar("formatting"),
};

export const commands = {
  registerCommand: (id: string, ..._rest: unknown[]) => {
    registered.push(`command ${id}`);
    return { dispose() {} };
  },
};

const configurationChanged = new EventEmitter<{ affectsConfiguration(key: string): boolean }>();

/** Sets a setting (`section.key`) and tells the listeners, as a user's edit would. */
export function changeSetting(name: string, value: unknown): void {
  settings.set(name, value);
  configurationChanged.fire({
    affectsConfiguration: (key) => name === key || name.startsWith(`${key}.`),
  });
}

interface FakeWatcher {
  pattern: RelativePattern;
  changed: EventEmitter<Uri>;
  disposed: boolean;
}

/** The file system watchers the extension created. */
export const watchers: FakeWatcher[] = [];

/** Whether a watcher's pattern (a file name, or `{a,b}` alternatives) covers `path`. */
function covers(pattern: RelativePattern, path: string): boolean {
  const names = /^\{(.*)\}$/.exec(pattern.pattern)?.[1]?.split(",") ?? [pattern.pattern];
  return names.some((name) => `${pattern.base.fsPath}/${name}` === path);
}

/** Tells the live watchers covering `path` that the file changed. */
export function touchFile(path: string): void {
  for (const w of watchers)
    if (!w.disposed && covers(w.pattern, path)) w.changed.fire(Uri.file(path));
}

export const workspace = {
  textDocuments: [] as unknown[],
  workspaceFolders: undefined as undefined | Array<{ uri: Uri }>,
  onDidChangeConfiguration: configurationChanged.event,
  onDidOpenTextDocument: noEvent,
  onDidChangeTextDocument: noEvent,
  onDidSaveTextDocument: noEvent,
  onDidCloseTextDocument: noEvent,
  getConfiguration: (section: string) => ({
    get: <T>(key: string, fallback: T): T => (settings.get(`${section}.${key}`) as T) ?? fallback,
    update: async (key: string, value: unknown, target: ConfigurationTarget) => {
      settings.set(`${section}.${key}`, value);
      settingTargets.set(`${section}.${key}`, target);
    },
  }),
  createFileSystemWatcher: (pattern: RelativePattern) => {
    const watcher: FakeWatcher = { pattern, changed: new EventEmitter<Uri>(), disposed: false };
    watchers.push(watcher);
    return {
      onDidChange: watcher.changed.event,
      onDidCreate: watcher.changed.event,
      onDidDelete: watcher.changed.event,
      dispose() {
        watcher.disposed = true;
      },
    };
  },
  fs: {
    readFile: async (_uri: Uri): Promise<Uint8Array> => {
      throw new Error("no file system in unit tests");
    },
  },
};

/** Answers the next quick pick and open dialog give, for tests of commands. */
export const answers = {
  quickPick: (items: Array<{ id?: string }>) => items[0] as unknown,
  openDialog: (): Uri[] | undefined => undefined,
};

export const window = {
  showQuickPick: async (items: Array<{ id?: string }>) => answers.quickPick(items),
  showOpenDialog: async () => answers.openDialog(),
  visibleTextEditors: [] as unknown[],
  activeTextEditor: undefined,
  onDidChangeActiveTextEditor: noEvent,
  onDidChangeVisibleTextEditors: noEvent,
  createStatusBarItem: () => ({
    text: "",
    tooltip: "",
    name: "",
    command: "",
    show() {},
    hide() {},
    dispose() {},
  }),
};
