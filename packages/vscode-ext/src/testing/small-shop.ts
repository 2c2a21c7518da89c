import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteStore, parseDay } from "@strata/core";
import type * as vscode from "vscode";
import { DataService, type DataState, type ReadyData } from "../data/data-service.ts";
import { openData } from "../data/open-data.ts";
import { EventEmitter, Uri, workspace } from "./fake-vscode.ts";

/** The day the small shop is looked at. */
export const SHOP_AS_OF = "2026-03-31";

/**
 * A four-customer shop whose numbers can be checked by hand, in 2026 (monetary within 90
 * days of 2026-03-31): A 160 (orders 150 on 03-20 and 10 on 02-20, region north), B 50
 * (01-10, south), C none in the window (500 on 2025-06-01), D 120 (03-31, north).
 * Written with the native driver, then opened the way the extension opens data: sql.js.
 */
export async function smallShop(): Promise<ReadyData> {
  const dir = await mkdtemp(join(tmpdir(), "strata-vscode-"));
  const path = join(dir, "shop.db");
  const store = await openSqliteStore(path);
  const db = store.connection;
  await db.run(
    `INSERT INTO customers VALUES ('A', 'ACME', NULL, '{"region":"north"}'),
       ('B', 'Globex', NULL, '{"region":"south"}'), ('C', 'Initech', NULL, '{}'),
       ('D', 'Hooli', NULL, '{"region":"north"}')`,
  );
  for (const [id, c, d, amount] of [
    ["a1", "A", "2026-03-20", 150],
    ["a2", "A", "2026-02-20", 10],
    ["b1", "B", "2026-01-10", 50],
    ["c1", "C", "2025-06-01", 500],
    ["d1", "D", "2026-03-31", 120],
  ] as const) {
    await db.run("INSERT INTO orders VALUES (?, ?, ?, ?, NULL, NULL)", [
      id,
      c,
      parseDay(d) ?? 0,
      amount,
    ]);
  }
  await store.close();
  const session = await openData(await readFile(path), "shop.db", undefined);
  await rm(dir, { recursive: true, force: true });
  const day = parseDay(SHOP_AS_OF) ?? 0;
  return {
    location: { kind: "file", path, label: "shop.db" },
    session,
    asOf: { day, text: SHOP_AS_OF },
    stats: session.stats,
  };
}

/**
 * A DataService stand-in serving `data` (or failing with `error`); `ready` replaces how each
 * call of ready() answers.
 */
export function dataServiceOf(
  data: ReadyData | Error,
  ready: () => Promise<ReadyData> = async () => {
    if (data instanceof Error) throw data;
    return data;
  },
): DataService {
  const changed = new EventEmitter<DataState>();
  const state: DataState =
    data instanceof Error
      ? { state: "failed", label: "shop.db", problem: "cannot be read", message: data.message }
      : { state: "ready", ...data };
  return {
    state,
    onDidChange: changed.event,
    ready,
    readySoon: () => ready().catch(() => undefined),
    attributes: async () => (data instanceof Error ? {} : data.session.attributes),
    attributesSoon: async () => (data instanceof Error ? {} : data.session.attributes),
    attributeValues: (name: string) =>
      data instanceof Error ? [] : (data.session.attributeValues[name] ?? []),
    reload() {},
    dispose() {},
  } as unknown as DataService;
}

/**
 * A real DataService whose database never finishes reading, so that callers waiting for it
 * give up after `waitMs`. Call stop() at the end.
 */
export function neverLoading(waitMs: number): { data: DataService; stop(): void } {
  const original = workspace.fs.readFile;
  workspace.fs.readFile = () => new Promise(() => {});
  const extension = Uri.file("/ext") as unknown as vscode.Uri;
  const data = new DataService(extension, undefined, undefined, waitMs);
  return {
    data,
    stop() {
      workspace.fs.readFile = original;
      data.dispose();
    },
  };
}
