import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { bundleIsFresh } from "../packages/core/bin/fresh-bundle.mjs";

const run = promisify(execFile);
const root = join(import.meta.dirname, "..");
const bin = join(root, "packages/core/bin/strata.mjs");

/** Runs the real `strata` bin in a child process, as a user's shell would. */
async function strata(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("the strata bin", () => {
  it("validates the bundled examples clean", async () => {
    const examples = ["retail", "rfm", "b2b", "churn-risk"].map(
      (n) => `packages/core/examples/${n}.tiers.yaml`,
    );
    expect(await strata("validate", ...examples)).toEqual({
      code: 0,
      stdout: "4 files checked: no problems found.\n",
      stderr: "",
    });
  });

  it("exits 1 with located errors for a broken file, 2 for a missing one", async () => {
    const broken = await strata(
      "validate",
      "packages/core/src/rules/fixtures/unknown-tier.tiers.yaml",
    );
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(
      'unknown-tier.tiers.yaml:12:24: error unknown-tier: dimension \'value\' has no tier "vipp": did you mean "vip"?',
    );
    const missing = await strata("validate", "no/such.tiers.yaml");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read no/such.tiers.yaml: no such file");
  });
});

describe("bundleIsFresh", () => {
  it("runs the bundle only while it is at least as new as every source file", () => {
    const dir = mkdtempSync(join(tmpdir(), "strata-bundle-"));
    try {
      const src = join(dir, "src");
      mkdirSync(join(src, "cli"), { recursive: true });
      const bundle = join(dir, "strata.mjs");
      const files = [join(src, "index.ts"), join(src, "cli", "main.ts")];
      for (const f of files) writeFileSync(f, "");
      const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);
      expect(bundleIsFresh(bundle, src)).toBe(false); // not built
      writeFileSync(bundle, "");
      for (const f of files) at(f, 1000);
      at(bundle, 1000);
      expect(bundleIsFresh(bundle, src)).toBe(true);
      at(files[1] as string, 1001); // an edit two folders down
      expect(bundleIsFresh(bundle, src)).toBe(false);
      at(bundle, 1002);
      expect(bundleIsFresh(bundle, src)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
