import { describe, expect, it } from "vitest";
import { resolveDbPath } from "./db-path.ts";

describe("resolveDbPath", () => {
  it("prefers --db, then STRATA_DB, then ./strata.db, relative to the caller's cwd", () => {
    const env = { STRATA_DB: "env.db" };
    expect(resolveDbPath("data/flag.db", env, "/home/ana")).toBe("/home/ana/data/flag.db");
    expect(resolveDbPath(undefined, env, "/home/ana")).toBe("/home/ana/env.db");
    expect(resolveDbPath(undefined, {}, "/home/ana")).toBe("/home/ana/strata.db");
    expect(resolveDbPath(undefined, { STRATA_DB: "" }, "/srv")).toBe("/srv/strata.db");
  });

  it("keeps absolute paths and :memory:", () => {
    expect(resolveDbPath("/var/lib/strata.db", {}, "/home/ana")).toBe("/var/lib/strata.db");
    expect(resolveDbPath(undefined, { STRATA_DB: ":memory:" }, "/x")).toBe(":memory:");
  });
});
