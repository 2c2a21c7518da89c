/**
 * A small stand-in for the `vscode` module, for unit tests of the providers outside VS Code
 * (vitest aliases `vscode` to this file). It has the value classes the providers build
 * (fake-vscode-values.ts) and records what the extension registers and sets; it runs no
 * editor. The integration suite and the end-to-end test run
 * the same providers in a real VS Code.
 */

import {
  type ConfigurationTarget,
  type Diagnostic,
  EventEmitter,
  type RelativePattern,
  Uri,
} from "./fake-vscode-values.ts";

export * from "./fake-vscode-values.ts";

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
