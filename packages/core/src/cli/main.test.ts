import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runStrata } from "./run-cli-for-test.ts";

const core = join(import.meta.dirname, "../..");

const run = (...argv: string[]) => runStrata(argv, { cwd: core });

describe("strata validate", () => {
  it("passes the examples with exit 0", async () => {
    const r = await run(
      "validate",
      "examples/retail.tiers.yaml",
      "examples/rfm.tiers.yaml",
      "examples/b2b.tiers.yaml",
    );
    expect(r).toEqual({ code: 0, stdout: "3 files checked: no problems found.\n", stderr: "" });
  });

  it("prints FILE:LINE:COL lines and exits 1 on errors", async () => {
    const file = "src/rules/fixtures/expression-syntax.tiers.yaml";
    const r = await run("validate", file);
    expect(r.code).toBe(1);
    expect(r.stdout.split("\n")).toEqual([
      `${file}:6:33: error expression-syntax: expected 'and' or 'or' before 'an'`,
      `${file}:12:53: error expression-syntax: expected ')' to close the '(' but found the end of the condition`,
      "2 errors, 0 warnings in 1 file.",
      "",
    ]);
  });

  it("exits 0 with warnings only", async () => {
    const r = await run("validate", "src/rules/fixtures/no-default-tier.tiers.yaml");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(":3:3: warning no-default-tier:");
  });

  it("gives full ranges in --json", async () => {
    const r = await run("validate", "--json", "src/rules/fixtures/unknown-identifier.tiers.yaml");
    const json = JSON.parse(r.stdout);
    expect(json.errors).toBe(1);
    expect(json.files[0].diagnostics[0]).toMatchObject({
      code: "unknown-identifier",
      range: { start: { line: 6, column: 15 }, end: { line: 6, column: 23 } },
      fixes: [{ newText: "monetary" }],
    });
  });

  it("exits 2 with a clear message for a missing file", async () => {
    const r = await run("validate", "nope.tiers.yaml");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("strata: cannot read nope.tiers.yaml: no such file\n");
  });

  it("exits 2 on a bad flag or no file, saying what to do", async () => {
    const bad = await run("validate", "--jsn", "x");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Unknown option '--jsn'[\s\S]*strata validate --help/);
    expect((await run("validate")).code).toBe(2);
  });

  it("has help", async () => {
    const r = await run("validate", "--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: strata validate FILE... [--json]");
  });
});

describe("strata", () => {
  it("lists commands and rejects unknown ones", async () => {
    expect((await run("--help")).stdout).toContain("validate");
    const r = await run("frobnicate");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
  });
});
