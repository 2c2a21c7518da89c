import { beforeAll, describe, expect, it, vi } from "vitest";
import type { ReadyData } from "./data/data-service.ts";
import { LiveResults, type LiveState } from "./live-results.ts";
import { RuleChecker } from "./rule-checker.ts";
import { fakeDocument } from "./testing/fake-document.ts";
import { dataServiceOf, smallShop } from "./testing/small-shop.ts";

const rules = (high: number) => `version: 1
window: 90d
dimensions:
  value:
    tiers:
      - id: high
        when: monetary >= ${high}
      - id: low
        when: monetary > 0
  lifecycle:
    tiers:
      - id: active
        when: recency_days <= 30
      - id: churned
        default: true
`;

let shop: ReadyData;
beforeAll(async () => {
  shop = await smallShop();
});

function setUp(data: ReadyData | Error = shop) {
  const checker = new RuleChecker(
    async () => (data instanceof Error ? {} : data.session.attributes),
    0,
  );
  const live = new LiveResults(checker, dataServiceOf(data), () => true);
  const states: LiveState[] = [];
  live.onDidUpdate((uri) => {
    const state = live.get(uri);
    if (state) states.push(state);
  });
  const settled = () =>
    new Promise<LiveState>((resolve) => {
      const sub = live.onDidUpdate((uri) => {
        const state = live.get(uri);
        if (state && state.kind !== "evaluating") {
          sub.dispose();
          resolve(state);
        }
      });
    });
  return { checker, live, states, settled };
}

describe("LiveResults", () => {
  it("evaluates each checked version against the data", async () => {
    const { checker, settled } = setUp();
    const done = settled();
    await checker.check(fakeDocument(rules(100)));
    const state = await done;
    expect(state.kind).toBe("ready");
    if (state.kind !== "ready") return;
    // By hand: monetary in the window A 160, B 50, C 0, D 120 → high A, D; low B; C unassigned.
    expect(
      state.evaluated.result.summary.dimensions[0]?.tiers.map((t) => [t.tier, t.count]),
    ).toEqual([
      ["high", 2],
      ["low", 1],
    ]);
    expect(state.evaluated.result.summary.dimensions[0]?.unassigned).toBe(1);
    expect(state.evaluated.saved).toEqual({ kind: "compared", same: true });
  });

  it("compares an unsaved edit with the file on disk", async () => {
    const { checker, settled } = setUp();
    const document = fakeDocument(rules(40), { isDirty: true });
    const vscode = await import("./testing/fake-vscode.ts");
    const original = vscode.workspace.fs.readFile;
    vscode.workspace.fs.readFile = async () => new TextEncoder().encode(rules(100));
    try {
      const done = settled();
      await checker.check(document);
      const state = await done;
      if (state.kind !== "ready") throw new Error(state.kind);
      // Lowering 'high' from 100 to 40 moves B (50) from low to high.
      expect(state.evaluated.result.changes).toMatchObject({
        customers: 1,
        moves: [{ dimension: "value", from: "low", to: "high", count: 1 }],
      });
    } finally {
      vscode.workspace.fs.readFile = original;
    }
  });

  it("says when the saved file cannot be compared with", async () => {
    const { checker, settled } = setUp();
    const vscode = await import("./testing/fake-vscode.ts");
    const original = vscode.workspace.fs.readFile;
    vscode.workspace.fs.readFile = async () =>
      new TextEncoder().encode("version: 1\ndimensions: {}\n");
    try {
      const done = settled();
      await checker.check(fakeDocument(rules(40), { isDirty: true }));
      const state = await done;
      if (state.kind !== "ready") throw new Error(state.kind);
      expect(state.evaluated.saved).toEqual({ kind: "none", why: "the saved file has errors" });
      expect(state.evaluated.result.changes).toBeNull();
    } finally {
      vscode.workspace.fs.readFile = original;
    }
  });

  it("keeps the last good result while the file has errors", async () => {
    const { checker, settled } = setUp();
    const done = settled();
    await checker.check(fakeDocument(rules(100), { version: 1 }));
    await done;
    const broken = settled();
    await checker.check(
      fakeDocument(rules(100).replace("monetary >=", "monetory >="), { version: 2 }),
    );
    const state = await broken;
    expect(state).toMatchObject({ kind: "has-errors", errors: 1, last: { version: 1 } });
  });

  it("drops a result that a newer version overtook", async () => {
    // Version 1's evaluation waits for the data until version 2's has been shown.
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    let calls = 0;
    const data = dataServiceOf(shop, async () => {
      if (++calls === 1) {
        started();
        await held;
      }
      return shop;
    });
    const checker = new RuleChecker(async () => shop.session.attributes, 0);
    const live = new LiveResults(checker, data, () => true);
    const ready: number[] = [];
    live.onDidUpdate((uri) => {
      const state = live.get(uri);
      if (state?.kind === "ready") ready.push(state.evaluated.version);
    });
    const document = fakeDocument(rules(100), { version: 1 });
    await checker.check(document);
    await running;
    await checker.check(fakeDocument(rules(40), { version: 2 }));
    await vi.waitFor(() => expect(ready).toEqual([2]));
    release();
    await new Promise((r) => setTimeout(r, 100));
    expect(ready).toEqual([2]);
    expect(live.get(document.uri)).toMatchObject({ kind: "ready", evaluated: { version: 2 } });
  });

  it("compares with the file again once it is saved, though its text did not change", async () => {
    const { checker, live, settled } = setUp();
    const vscode = await import("./testing/fake-vscode.ts");
    const original = vscode.workspace.fs.readFile;
    vscode.workspace.fs.readFile = async () => new TextEncoder().encode(rules(100));
    const document = fakeDocument(rules(40), { version: 3, isDirty: true });
    try {
      const edited = settled();
      await checker.check(document);
      expect(await edited).toMatchObject({
        kind: "ready",
        evaluated: {
          saved: { kind: "compared", same: false },
          result: { changes: { customers: 1 } },
        },
      });
    } finally {
      vscode.workspace.fs.readFile = original;
    }
    // Saved: same version, no longer dirty, and the file on disk is now this text.
    Object.assign(document, { isDirty: false });
    await checker.check(document);
    await vi.waitFor(() =>
      expect(live.get(document.uri)).toMatchObject({
        kind: "ready",
        evaluated: {
          saved: { kind: "compared", same: true },
          result: { changes: { customers: 0 } },
        },
      }),
    );
  });

  it("says why when there is no data", async () => {
    const { checker, settled } = setUp(new Error("cannot read the database /x/shop.db"));
    const done = settled();
    await checker.check(fakeDocument(rules(100)));
    expect(await done).toMatchObject({
      kind: "no-data",
      message: "cannot read the database /x/shop.db",
    });
  });
});
