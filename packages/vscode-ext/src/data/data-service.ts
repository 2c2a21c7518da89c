import { homedir } from "node:os";
import { basename, dirname, join } from "node:path";
import { formatDay, type StoreStats, type ValueType } from "@strata/core/portable";
import * as vscode from "vscode";
import { formatCount } from "../format-numbers.ts";
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
  | { state: "failed"; label: string; problem: string; message: string };

/** A database file's bytes, and its write-ahead log's when it has one. */
export interface DatabaseBytes {
  main: Uint8Array;
  wal: Uint8Array | null;
}

/** Opens database bytes for previews (in a worker thread, in the extension). */
export type Connect = (bytes: DatabaseBytes, name: string, dist: string) => Promise<DataSession>;

const inWorker: Connect = (bytes, name, dist) =>
  openDataInWorker(join(dist, "data-worker.cjs"), bytes.main, name, dist, bytes.wal);

/** How long to wait after the database file changes before reading it again, in ms. */
const RELOAD_DELAY_MS = 1000;

/**
 * How long checks, completion and hovers wait for the data while it loads, in ms: past it
 * they answer without it (metrics and keywords need none) and are checked again once it is
 * read.
 */
export const DATA_WAIT_MS = 3000;

/** The database of the current `strata.database` setting, being opened. */
interface Opening {
  label: string;
  opened: Promise<{ location: DataLocation; session: DataSession }>;
}

/**
 * The customer data behind checks and previews: the database named by `strata.database`,
 * else the bundled demo shop, read with sql.js in a worker thread started after activation.
 * Reads it again when `strata.database` or the file changes; a new `strata.asOf` only moves
 * the date. A load that a newer one superseded is ignored, its database closed.
 */
export class DataService implements vscode.Disposable {
  private current: DataState = { state: "loading", label: "data" };
  private opening: Opening | undefined;
  private loading: Promise<ReadyData> | undefined;
  /** Counts reloads: a load begun before the latest one must not touch the state. */
  private generation = 0;
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
    private readonly waitMs = DATA_WAIT_MS,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration("strata.database")) this.reload();
        else if (e.affectsConfiguration("strata.asOf")) this.restart();
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

  /** The data if it is ready within DATA_WAIT_MS, else undefined (also when it failed). */
  readySoon(): Promise<ReadyData | undefined> {
    return within(
      this.ready().catch(() => undefined),
      this.waitMs,
      undefined,
    );
  }

  /** The attributes' types in the data; none while it cannot be read. */
  async attributes(): Promise<Record<string, ValueType>> {
    return this.ready().then(
      (data) => data.session.attributes,
      () => ({}),
    );
  }

  /** The attributes' types if the data is ready within DATA_WAIT_MS; else none. */
  async attributesSoon(): Promise<Record<string, ValueType>> {
    return (await this.readySoon())?.session.attributes ?? {};
  }

  /** Common values of a text attribute, once the data is loaded. */
  attributeValues(name: string): readonly string[] {
    return this.current.state === "ready" ? (this.current.session.attributeValues[name] ?? []) : [];
  }

  /** Forgets the loaded data and reads the database again from the current settings. */
  reload(): void {
    closeWhenOpen(this.opening);
    this.opening = undefined;
    this.restart();
  }

  /** Starts a new load (of the database already opened, unless reload() forgot it). */
  private restart(): void {
    this.generation++;
    this.loading = undefined;
    this.ready().catch(() => {});
  }

  private async load(): Promise<ReadyData> {
    const generation = this.generation;
    this.opening ??= this.open();
    const { label, opened } = this.opening;
    let problem = "cannot be read";
    try {
      const { location, session } = await opened;
      // Superseded meanwhile: the newer load answers (the database was closed if it changed).
      if (generation !== this.generation) return this.ready();
      problem = "check strata.asOf";
      const asOf = resolveAsOf(
        vscode.workspace.getConfiguration("strata").get<string>("asOf", ""),
        session.stats.lastOrderDay,
        this.now(),
        Intl.DateTimeFormat().resolvedOptions().timeZone,
      );
      const ready: ReadyData = { location, session, asOf, stats: session.stats };
      this.update({ state: "ready", ...ready });
      return ready;
    } catch (error) {
      if (generation !== this.generation) return this.ready();
      const message = error instanceof Error ? error.message : String(error);
      this.update({ state: "failed", label, problem, message });
      throw error;
    }
  }

  /** Starts opening the database the settings name (a failure is in the session promise). */
  private open(): Opening {
    let location: DataLocation;
    try {
      location = resolveDatabase(
        vscode.workspace.getConfiguration("strata").get<string>("database", ""),
        vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
        homedir(),
      );
    } catch (error) {
      this.watch(undefined);
      const opened = Promise.reject(error);
      opened.catch(() => {});
      return { label: "data", opened };
    }
    this.update({ state: "loading", label: location.label });
    this.watch(location);
    const dist = vscode.Uri.joinPath(this.extensionUri, "dist");
    const opened = readDatabase(location, dist)
      .then((bytes) => this.connect(bytes, location.label, dist.fsPath))
      .then((session) => ({ location, session }));
    opened.catch(() => {});
    return { label: location.label, opened };
  }

  private update(state: DataState): void {
    this.current = state;
    this.changed.fire(state);
  }

  /** Reloads when the database file or its write-ahead log changes. */
  private watch(location: DataLocation | undefined): void {
    this.watcher?.dispose();
    this.watcher = undefined;
    if (location?.kind !== "file") return;
    const name = basename(location.path);
    const pattern = new vscode.RelativePattern(
      vscode.Uri.file(dirname(location.path)),
      `{${name},${name}-wal}`,
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
    this.generation++;
    clearTimeout(this.reloadTimer);
    this.watcher?.dispose();
    closeWhenOpen(this.opening);
    this.opening = undefined;
    for (const d of this.disposables) d.dispose();
  }
}

/** Closes the database `opening` opens, once it is open. */
function closeWhenOpen(opening: Opening | undefined): void {
  opening?.opened.then(({ session }) => session.close()).catch(() => {});
}

/** `promise`'s value if it settles within `ms`, else `fallback`. */
function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * The database's bytes, with its write-ahead log's when there is one (read first: a
 * checkpoint between the two reads then only repeats pages the main file already has).
 */
async function readDatabase(location: DataLocation, dist: vscode.Uri): Promise<DatabaseBytes> {
  if (location.kind === "demo") {
    try {
      return {
        main: await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dist, "demo.db")),
        wal: null,
      };
    } catch {
      throw new Error(
        `the bundled demo data is missing from the extension (${join("dist", "demo.db")}): reinstall it`,
      );
    }
  }
  const wal = await vscode.workspace.fs.readFile(vscode.Uri.file(`${location.path}-wal`)).then(
    (bytes) => (bytes.byteLength > 0 ? bytes : null),
    () => null,
  );
  try {
    return { main: await vscode.workspace.fs.readFile(vscode.Uri.file(location.path)), wal };
  } catch {
    throw new Error(
      `cannot read the database ${location.path} (setting strata.database): check the path, or choose another with "Strata: Choose Database…"`,
    );
  }
}

/** One line for the status bar and the preview: where the data is from and its as-of day. */
export function describeData(state: DataState): string {
  switch (state.state) {
    case "loading":
      return `loading ${state.label}…`;
    case "failed":
      return `${state.label}: ${state.problem}`;
    case "ready":
      return `${state.location.label} · ${formatCount(state.stats.customers, "customer")} · as of ${formatDay(state.asOf.day)}`;
  }
}
