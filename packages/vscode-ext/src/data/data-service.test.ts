import { parseDay } from "@strata/core/portable";
import { afterEach, describe, expect, it, vi } from "vitest";
import type * as vscode from "vscode";
import { changeSetting, settings, touchFile, Uri, workspace } from "../testing/fake-vscode.ts";
import { type Connect, type DatabaseBytes, DataService, describeData } from "./data-service.ts";
import type { DataSession } from "./open-data.ts";

const LAST_ORDER = parseDay("2026-06-30") ?? 0;

/** A session standing for one opened database; `closed` tells whether it was closed. */
function fakeSession(name: string): DataSession & { name: string; closed: boolean } {
  return {
    name,
    closed: false,
    stats: { customers: 4, orders: 5, firstOrderDay: LAST_ORDER - 90, lastOrderDay: LAST_ORDER },
    attributes: { region: "string" },
    attributeValues: {},
    preview: () => Promise.reject(new Error("not in this test")),
    distribution: () => Promise.reject(new Error("not in this test")),
    async close() {
      this.closed = true;
    },
  };
}

interface Opening {
  bytes: DatabaseBytes;
  name: string;
  session: ReturnType<typeof fakeSession>;
  /** Ends the opening (the database is then open). */
  finish(): void;
}

/** A Connect whose openings end when the test says so (at once with `auto`). */
function connector(auto = true) {
  const openings: Opening[] = [];
  const connect: Connect = (bytes, name) =>
    new Promise((resolve) => {
      const session = fakeSession(name);
      openings.push({ bytes, name, session, finish: () => resolve(session) });
      if (auto) resolve(session);
    });
  return { connect, openings };
}

const files = new Map<string, Uint8Array>();
workspace.fs.readFile = async (uri: Uri) => {
  const bytes = files.get(uri.fsPath);
  if (!bytes) throw new Error(`no file ${uri.fsPath}`);
  return bytes;
};

let service: DataService | undefined;
function start(connect: Connect, waitMs?: number): DataService {
  service = new DataService(
    Uri.file("/ext") as unknown as vscode.Uri,
    connect,
    () => new Date("2026-07-15T12:00:00Z"),
    waitMs,
  );
  return service;
}

afterEach(() => {
  service?.dispose();
  service = undefined;
  settings.clear();
  files.clear();
});

describe("DataService", () => {
  it("reads the database with its write-ahead log, and again when either file changes", async () => {
    files.set("/data/shop.db", new Uint8Array([1]));
    files.set("/data/shop.db-wal", new Uint8Array([2]));
    settings.set("strata.database", "/data/shop.db");
    const { connect, openings } = connector();
    const data = start(connect);
    expect((await data.ready()).location).toEqual({
      kind: "file",
      path: "/data/shop.db",
      label: "shop.db",
    });
    expect(openings.map((o) => o.bytes)).toEqual([
      { main: new Uint8Array([1]), wal: new Uint8Array([2]) },
    ]);

    // A writer commits into the log: read both again (after a quiet second).
    files.set("/data/shop.db-wal", new Uint8Array([2, 3]));
    touchFile("/data/shop.db-wal");
    await vi.waitFor(() => expect(openings).toHaveLength(2), { timeout: 3000 });
    expect(openings[1]?.bytes).toEqual({ main: new Uint8Array([1]), wal: new Uint8Array([2, 3]) });
    await vi.waitFor(() => expect(openings[0]?.session.closed).toBe(true));

    // Checkpointed and gone, or emptied: no log.
    files.delete("/data/shop.db-wal");
    touchFile("/data/shop.db");
    await vi.waitFor(() => expect(openings).toHaveLength(3), { timeout: 3000 });
    expect(openings[2]?.bytes).toEqual({ main: new Uint8Array([1]), wal: null });
    touchFile("/data/shop.db-shm");
    touchFile("/data/other.db");
    await new Promise((r) => setTimeout(r, 1200));
    expect(openings).toHaveLength(3);
  });

  it("moves the as-of date without reading the database again, and says when the setting is wrong", async () => {
    files.set("/ext/dist/demo.db", new Uint8Array([9]));
    const { connect, openings } = connector();
    const data = start(connect);
    expect((await data.ready()).asOf.text).toBe("2026-06-30 (latest order)");

    changeSetting("strata.asOf", "30/06/2026");
    await expect(data.ready()).rejects.toThrow(/the setting strata.asOf is "30\/06\/2026"/);
    expect(describeData(data.state)).toBe("demo shop (bundled): check strata.asOf");

    changeSetting("strata.asOf", "2026-01-31");
    const ready = await data.ready();
    expect(ready.asOf.text).toBe("2026-01-31");
    expect(describeData(data.state)).toBe("demo shop (bundled) · 4 customers · as of 2026-01-31");
    expect(openings).toHaveLength(1);
    expect(openings[0]?.session.closed).toBe(false);
    expect(ready.session).toBe(openings[0]?.session);
  });

  it("closes a database opened with an invalid as-of date once it is done with it", async () => {
    files.set("/ext/dist/demo.db", new Uint8Array([9]));
    settings.set("strata.asOf", "someday");
    const { connect, openings } = connector();
    const data = start(connect);
    await expect(data.ready()).rejects.toThrow(/strata.asOf/);
    data.dispose();
    await vi.waitFor(() => expect(openings[0]?.session.closed).toBe(true));
  });

  it("ignores a load that a newer one overtook, and closes its database", async () => {
    files.set("/data/old.db", new Uint8Array([1]));
    files.set("/data/new.db", new Uint8Array([2]));
    settings.set("strata.database", "/data/old.db");
    const { connect, openings } = connector(false);
    const data = start(connect);
    const first = data.ready();
    await vi.waitFor(() => expect(openings).toHaveLength(1));
    changeSetting("strata.database", "/data/new.db");
    await vi.waitFor(() => expect(openings).toHaveLength(2));
    openings[1]?.finish();
    await vi.waitFor(() => expect(data.state.state).toBe("ready"));
    // The old database opens last: it must neither show nor stay open.
    openings[0]?.finish();
    expect((await first).location.label).toBe("new.db");
    await vi.waitFor(() => expect(openings[0]?.session.closed).toBe(true));
    expect(describeData(data.state)).toBe("new.db · 4 customers · as of 2026-06-30");
    expect(openings[1]?.session.closed).toBe(false);
  });

  it("answers without the data when it is slow to load", async () => {
    files.set("/ext/dist/demo.db", new Uint8Array([9]));
    const { connect } = connector(false);
    const data = start(connect, 20);
    expect(await data.attributesSoon()).toEqual({});
    expect(await data.readySoon()).toBeUndefined();
    expect(data.state.state).toBe("loading");
  });
});
