import { describe, expect, it } from "vitest";
import { resolveDatabase } from "./database-setting.ts";

describe("resolveDatabase", () => {
  it("uses the bundled demo shop when the setting is empty", () => {
    expect(resolveDatabase("  ", "/work", "/home/ana")).toEqual({
      kind: "demo",
      label: "demo shop (bundled)",
    });
  });

  it("takes absolute paths, ~ for the home folder, and others from the workspace folder", () => {
    expect(resolveDatabase("/data/shop.db", "/work", "/home/ana")).toEqual({
      kind: "file",
      path: "/data/shop.db",
      label: "shop.db",
    });
    expect(resolveDatabase("~/strata.db", undefined, "/home/ana")).toMatchObject({
      path: "/home/ana/strata.db",
    });
    expect(resolveDatabase("data/../shop.db", "/work", "/home/ana")).toMatchObject({
      path: "/work/shop.db",
    });
  });

  it("refuses a relative path with no folder open", () => {
    expect(() => resolveDatabase("shop.db", undefined, "/home/ana")).toThrow(
      /relative path "shop\.db", but no folder is open/,
    );
  });
});
