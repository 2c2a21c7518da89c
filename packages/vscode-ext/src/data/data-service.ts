import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { formatDay, type StoreStats, type ValueType } from "@strata/core/portable";
import * as vscode from "vscode";
import { type AsOf, resolveAsOf } from "./as-of.ts";
import { openDataInWorker } from "./data-client.ts";
import { type DataLocation, resolveDatabase } from "./database-setting.ts";
import type { DataSession } from "./open-data.ts";

/** Data ready for previews. */
export interface ReadyData {
  location: DataLocation;
  session: DataSession;
  asOf: AsOf;
  stats: StoreStats;
}

export type DataState =
  | { state: "loading"; label: string }
  | ({ state: "ready" } & ReadyData)
  | { state: "failed"; label: string; message: string };

/** Opens database bytes for previews (in a worker thread, in the extension). */
export type Connect = (bytes: Uint8Array, name: string, dist: string) => Promise<DataSession>;

const inWorker: Connect = (bytes, name, dist) =>
  openDataInWorker(join(dist, "data-worker.cjs"), bytes, name, dist);

/** How long to wait after the database file changes before reading it again, in ms. */
const RELOAD_DELAY_MS = 1000;

/**
 * The customer data behind checks and previews: the database named by `strata.database`,
 * else the bundled demo shop, read with sql.js in a worker thread started after activation.
 * Reloads when the settings or the database file change.
 */
export class DataService implements vscode.Disposable {
  private current: DataState = { state: "loading", label: "data" };
  private loading: Promise<ReadyData> | undefined;
  private watcher: vscode.FileSystemWatcher | undefined;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly changed = new vscode.EventEmitter<DataState>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Fires when data starts loading, becomes ready or fails. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly connect: Connect = inWorker,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration("strata")) this.reload();
      }),
    );
  }

  get state(): DataState {
    return this.current;
  }

  /** The data, loading it on first call. Rejects with the reason when it cannot be read. */
  ready(): Promise<ReadyData> {
    this.loading ??= this.load();
    return this.loading;
  }

  /** The attributes' types in the data; none while it cannot be read. */
  async attributes(): Promise<Record<string, ValueType>> {
    return this.ready().then(
      (data) => data.session.attributes,
      () => ({}),
    );
  }

  /** Common values of a text attribute, once the data is loaded. */
  attributeValues(name: string): readonly string[] {
    return this.current.state === "ready" ? (this.current.session.attributeValues[name] ?? []) : [];
  }

  /** Forgets the loaded data and reads it again from the current settings. */
  reload(): void {
    const old = this.loading;
    this.loading = undefined;
    old?.then((data) => data.session.close()).catch(() => {});
    this.ready().catch(() => {});
  }

  private async load(): Promise<ReadyData> {
    const config = vscode.workspace.getConfiguration("strata");
    let label = "data";
    try {
      const location = resolveDatabase(
        config.get<string>("database", ""),
        vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
        homedir(),
      );
      label = location.label;
      this.update({ state: "loading", label });
      this.watch(location);
      const dist = vscode.Uri.joinPath(this.extensionUri, "dist");
      const file =
        location.kind === "demo"
          ? vscode.Uri.joinPath(dist, "demo.db")
          : vscode.Uri.file(location.path);
      const bytes = await readDatabase(file, location);
      const session = await this.connect(bytes, location.label, dist.fsPath);
      const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      const asOf = resolveAsOf(
        config.get<string>("asOf", ""),
        session.stats.lastOrderDay,
        this.now(),
        timeZone,
      );
      const ready: ReadyData = { location, session, asOf, stats: session.stats };
      this.update({ state: "ready", ...ready });
      return ready;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.update({ state: "failed", label, message });
      throw error;
    }
  }

  private update(state: DataState): void {
    this.current = state;
    this.changed.fire(state);
  }

  private watch(location: DataLocation): void {
    this.watcher?.dispose();
    this.watcher = undefined;
    if (location.kind !== "file") return;
    const pattern = new vscode.RelativePattern(
      vscode.Uri.file(dirname(location.path)),
      location.path.slice(dirname(location.path).length + 1),
    );
    this.watcher = vscode.workspace.createFileSystemWatcher(pattern);
    const later = () => {
      clearTimeout(this.reloadTimer);
      this.reloadTimer = setTimeout(() => this.reload(), RELOAD_DELAY_MS);
    };
    this.watcher.onDidChange(later);
    this.watcher.onDidCreate(later);
    this.watcher.onDidDelete(later);
  }

  dispose(): void {
    clearTimeout(this.reloadTimer);
    this.watcher?.dispose();
    this.loading?.then((data) => data.session.close()).catch(() => {});
    for (const d of this.disposables) d.dispose();
  }
}

async function readDatabase(file: vscode.Uri, location: DataLocation): Promise<Uint8Array> {
  try {
    return await vscode.workspace.fs.readFile(file);
  } catch {
    throw new Error(
      location.kind === "demo"
        ? `the bundled demo data is missing from the extension (${join("dist", "demo.db")}): reinstall it`
        : `cannot read the database ${location.path} (setting strata.database): check the path, or choose another with "Strata: Choose Database…"`,
    );
  }
}

/** One line for the status bar and the preview: where the data is from and its as-of day. */
export function describeData(state: DataState): string {
  switch (state.state) {
    case "loading":
      return `loading ${state.label}…`;
    case "failed":
      return `${state.label}: cannot be read`;
    case "ready":
      return `${state.location.label} · ${state.stats.customers.toLocaleString("en-US")} customers · as of ${formatDay(state.asOf.day)}`;
  }
}
