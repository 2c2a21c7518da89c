/**
 * End to end in a real VS Code: code-server with the packaged .vsix installed as a user
 * would, driven by Chromium through playwright-core. Needs the tools test/vscode-e2e/setup.sh
 * installs; without them the suite is skipped (and fails instead with
 * STRATA_VSCODE_E2E=require, as in CI).
 */
import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { openSqliteStore, parseDay } from "@strata/core";
import { type Browser, chromium, type FrameLocator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningCodeServer, startCodeServer } from "./code-server.ts";
import { missingTools, tools } from "./tools.ts";

const run = promisify(execFile);
const root = join(import.meta.dirname, "../..");
const extensionDir = join(root, "packages/vscode-ext");
const manifest = JSON.parse(await readFile(join(extensionDir, "package.json"), "utf8")) as {
  publisher: string;
  name: string;
  version: string;
};
/** The bundled demo shop's last order day: the extension's default as-of date. */
const AS_OF = "2026-06-30";
const missing = missingTools();
if (missing.length && process.env.STRATA_VSCODE_E2E === "require") {
  throw new Error(`the VS Code end-to-end test cannot run: missing ${missing.join(", ")}`);
}
if (missing.length) {
  console.log(
    `VS Code end-to-end test skipped: run 'bash test/vscode-e2e/setup.sh' first (missing ${missing.join(", ")})`,
  );
}
const title = missing.length
  ? `VS Code end to end (skipped: run test/vscode-e2e/setup.sh; missing ${missing.join(", ")})`
  : "VS Code end to end (code-server + Chromium)";

interface CliPreview {
  customers: number;
  dimensions: Record<string, { unassigned: number; tiers: Record<string, { count: number }> }>;
}

/** `strata preview --json` on the same data, as an independent second reading. */
async function cliPreview(
  rulesText: string,
  dir: string,
  db: string,
  asOf = AS_OF,
): Promise<CliPreview> {
  const file = join(dir, `cli-${Date.now()}.tiers.yaml`);
  await writeFile(file, rulesText);
  const { stdout } = await run(process.execPath, [
    join(root, "packages/core/bin/strata.mjs"),
    "preview",
    file,
    "--db",
    db,
    "--as-of",
    asOf,
    "--json",
  ]);
  return JSON.parse(stdout) as CliPreview;
}

async function problems(page: Page): Promise<string[]> {
  const rows = await page.locator(".markers-panel .monaco-list-row").allInnerTexts();
  return rows.map((r) => r.replace(/\s+/g, " ").trim());
}

async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press("Control+G");
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press("Enter");
}

describe.skipIf(missing.length > 0)(title, () => {
  let home: string;
  let server: RunningCodeServer;
  let browser: Browser;
  let page: Page;
  let workspace: string;
  let fixture: string;

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), "strata-vscode-e2e-"));
    workspace = join(home, "workspace");
    await mkdir(workspace);
    fixture = await readFile(join(import.meta.dirname, "fixtures/shop.tiers.yaml"), "utf8");
    await copyFile(
      join(import.meta.dirname, "fixtures/shop.tiers.yaml"),
      join(workspace, "shop.tiers.yaml"),
    );
    // Package exactly as the README says, then install the .vsix into a fresh code-server.
    await run("npx", ["--yes", "pnpm@10.34.8", "--filter", "./packages/vscode-ext", "package"], {
      cwd: root,
    });
    const vsix = join(extensionDir, `${manifest.name}-${manifest.version}.vsix`);
    server = await startCodeServer(home, workspace, vsix);
    browser = await chromium.launch({
      executablePath: tools.chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
    page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
    await page.goto(server.url);
    await page.waitForSelector(".monaco-workbench", { timeout: 90_000 });
  }, 400_000);

  afterAll(async () => {
    if (page) {
      const shots = join(import.meta.dirname, "screenshots");
      await mkdir(shots, { recursive: true });
      await page.screenshot({ path: join(shots, "vscode-e2e.png") }).catch(() => {});
    }
    await browser?.close();
    await server?.stop();
    if (home) await rm(home, { recursive: true, force: true });
  }, 60_000);

  it("shows the validator's diagnostics at their lines, and drops one once fixed by typing", async () => {
    await page.locator(".explorer-viewlet").getByText("shop.tiers.yaml").click();
    await page.locator(".monaco-editor .view-lines").first().click();
    await page.keyboard.press("Control+Shift+M");
    // Written by hand from the fixture: the misspelt metric on line 10, the shadowed tier on 20
    // with the shadowing one on 18 as related information, and nothing else.
    await expect
      .poll(() => problems(page), { timeout: 60_000 })
      .toEqual([
        "shop.tiers.yaml 2",
        "unknown name 'monetory': did you mean 'monetary'? strata unknown-identifier [Ln 10, Col 15]",
        "tier 'recent' can never match: 'active' above takes every customer it would strata unreachable-tier [Ln 20, Col 15]",
        "shop.tiers.yaml [Ln 18, Col 15] : tier 'active' comes first",
      ]);

    await page.locator(".monaco-editor .view-lines").first().click();
    await goTo(page, 10, 21); // after "moneto"
    await page.keyboard.press("Backspace");
    await page.keyboard.type("a");
    await expect
      .poll(async () => (await problems(page)).join("\n"), { timeout: 30_000 })
      .not.toContain("unknown-identifier");
    expect((await problems(page)).join("\n")).toContain("unreachable-tier");
    await page.keyboard.press("Control+S");
  }, 120_000);

  it("previews the tiers beside the editor with the counts strata preview gives, and the moves of an unsaved edit", async () => {
    // Saved (and formatted on save, which leaves this file as it is) with the fix typed.
    const saved = fixture.replace("monetory", "monetary");
    await expect
      .poll(() => readFile(join(workspace, "shop.tiers.yaml"), "utf8"), { timeout: 15_000 })
      .toBe(saved);
    // Lower the VIP threshold from 5000 to 3000 without saving.
    await page.locator(".monaco-editor .view-lines").first().click();
    await goTo(page, 10, 27);
    await page.keyboard.press("Shift+ArrowRight");
    await page.keyboard.type("3");
    const edited = saved.replace("monetary >= 5000", "monetary >= 3000");

    await page.locator('.editor-actions [aria-label^="Open Preview to the Side"]').first().click();
    const view: FrameLocator = page
      .frameLocator("iframe.webview.ready")
      .frameLocator("#active-frame");
    await expect
      .poll(
        () =>
          view
            .locator(".changes .headline")
            .textContent()
            .catch(() => ""),
        { timeout: 60_000 },
      )
      .toMatch(/Compared with the saved file, ([\d,]+ customers change|1 customer changes) tier\./);

    const db = join(
      server.extensionsDir,
      `${manifest.publisher}.${manifest.name}-${manifest.version}`,
      "dist/demo.db",
    );
    const cliEdited = await cliPreview(edited, home, db);
    const cliSaved = await cliPreview(saved, home, db);
    const number = (text: string | null) => Number((text ?? "").replace(/,/g, ""));
    for (const [dimension, summary] of Object.entries(cliEdited.dimensions)) {
      for (const [tier, { count }] of Object.entries(summary.tiers)) {
        const cell = view.locator(`[data-dimension="${dimension}"] tr[data-tier="${tier}"] .count`);
        expect(number(await cell.textContent()), `${dimension}/${tier}`).toBe(count);
      }
      const unassigned = view.locator(
        `[data-dimension="${dimension}"] tr[data-tier="(unassigned)"]`,
      );
      expect(await unassigned.count()).toBe(summary.unassigned > 0 ? 1 : 0);
    }
    expect(await view.locator(".data").textContent()).toContain(
      `${cliEdited.customers.toLocaleString("en-US")} customers · as of ${AS_OF}`,
    );
    // Everyone gaining VIP comes from high (3000..4999 was high's range): the counts' difference.
    const vip = (p: CliPreview) => p.dimensions.value?.tiers.vip?.count ?? 0;
    const moved = vip(cliEdited) - vip(cliSaved);
    expect(moved).toBeGreaterThan(0);
    const move = view.locator('tr[data-move="value:high:vip"] .count');
    expect(number(await move.textContent())).toBe(moved);
    expect(await view.locator("tr[data-move]").count()).toBe(1);

    // Typing again updates the preview live, and it keeps its scroll position.
    const scrolled = await view.locator("body").evaluate(() => {
      window.scrollTo(0, document.body.scrollHeight);
      return window.scrollY;
    });
    expect(scrolled, "the preview is taller than its pane").toBeGreaterThan(0);
    await page.locator(".monaco-editor .view-lines").first().click();
    await goTo(page, 10, 27);
    await page.keyboard.press("Shift+ArrowRight");
    await page.keyboard.type("2");
    const again = await cliPreview(saved.replace("monetary >= 5000", "monetary >= 2000"), home, db);
    await expect
      .poll(async () => number(await move.textContent()), { timeout: 30_000 })
      .toBe(vip(again) - vip(cliSaved));
    expect(await view.locator("body").evaluate(() => window.scrollY)).toBe(scrolled);

    // The CodeLens above the VIP tier agrees, and the status bar names the data.
    await expect
      .poll(() => page.locator(".codelens-decoration").allInnerTexts(), { timeout: 30_000 })
      .toContainEqual(expect.stringContaining(`${vip(again).toLocaleString("en-US")} customers ·`));
    expect(
      await page.locator(".statusbar-item").filter({ hasText: "Strata:" }).textContent(),
    ).toContain(
      `demo shop (bundled) · ${cliEdited.customers.toLocaleString("en-US")} customers · as of ${AS_OF}`,
    );
  }, 120_000);

  it("switches to the database the strata.database setting names, made by strata demo", async () => {
    await run(
      process.execPath,
      [join(root, "packages/core/bin/strata.mjs"), "demo", "--customers", "300", "--seed", "2"],
      { cwd: workspace },
    );
    await mkdir(join(workspace, ".vscode"), { recursive: true });
    await writeFile(
      join(workspace, ".vscode/settings.json"),
      JSON.stringify({ "strata.database": "strata-demo.db" }),
    );
    const status = page.locator(".statusbar-item").filter({ hasText: "Strata:" });
    await expect
      .poll(async () => (await status.textContent()) ?? "", { timeout: 30_000 })
      .toMatch(/strata-demo\.db · 300 customers · as of \d{4}-\d{2}-\d{2}/);
    const asOf = /as of (\d{4}-\d{2}-\d{2})/.exec((await status.textContent()) ?? "")?.[1] ?? "";
    const view = page.frameLocator("iframe.webview.ready").frameLocator("#active-frame");
    await expect
      .poll(() => view.locator(".data").textContent(), { timeout: 30_000 })
      .toContain(`strata-demo.db · 300 customers · as of ${asOf}`);
    const text = await readFile(join(workspace, "shop.tiers.yaml"), "utf8");
    const edited = text.replace("monetary >= 5000", "monetary >= 2000");
    const cli = await cliPreview(edited, home, join(workspace, "strata-demo.db"), asOf);
    for (const [dimension, summary] of Object.entries(cli.dimensions)) {
      for (const [tier, { count }] of Object.entries(summary.tiers)) {
        const cell = view.locator(`[data-dimension="${dimension}"] tr[data-tier="${tier}"] .count`);
        await expect
          .poll(async () => Number((await cell.textContent())?.replace(/,/g, "")))
          .toBe(count);
      }
    }
  }, 120_000);

  it("hovers a metric with its min, median and max as SQL over the orders gives them, completes names, and applies a quick fix", async () => {
    const status =
      (await page.locator(".statusbar-item").filter({ hasText: "Strata:" }).textContent()) ?? "";
    const asOf = parseDay(/as of (\d{4}-\d{2}-\d{2})/.exec(status)?.[1] ?? "") ?? Number.NaN;
    // Independently of the extension: monetary over the rule file's 365-day window, per
    // customer with an order by the as-of day.
    const store = await openSqliteStore(join(workspace, "strata-demo.db"));
    const rows = await store.connection.all<{ monetary: number }>(
      `SELECT coalesce(sum(CASE WHEN order_day > ? THEN amount END), 0) AS monetary
       FROM orders WHERE order_day <= ? GROUP BY customer_id`,
      [asOf - 365, asOf],
    );
    await store.close();
    const values = rows.map((r) => r.monetary).sort((a, b) => a - b);
    const mid = values.length >> 1;
    const median =
      values.length % 2 ? values[mid] : ((values[mid - 1] ?? 0) + (values[mid] ?? 0)) / 2;
    const format = (n: number | undefined) =>
      new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }).format(n ?? Number.NaN);

    await page.locator('.view-lines span:text-is("monetary")').first().hover();
    await expect
      .poll(() => page.locator(".monaco-hover").allInnerTexts(), { timeout: 20_000 })
      .toContainEqual(
        expect.stringContaining(
          `min ${format(values[0])} · median ${format(median)} · max ${format(values.at(-1))}`,
        ),
      );
    await page.keyboard.press("Escape");

    // Completion in the lifecycle dimension offers metrics, data attributes and 'value'.
    await page.locator(".monaco-editor .view-lines").first().click();
    await goTo(page, 18, 33);
    await page.keyboard.type(" or va");
    // Ask for suggestions explicitly (quick suggestions may not open on a busy machine).
    const suggestions = page.locator(".suggest-widget .monaco-list-row");
    await expect
      .poll(
        async () => {
          if ((await suggestions.count()) === 0) await page.keyboard.press("Control+Space");
          return suggestions.allInnerTexts();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toContainEqual(expect.stringMatching(/^value\s+dimension · vip, high, low/));
    await page.keyboard.press("Escape");
    for (const _ of " or va") await page.keyboard.press("Backspace");

    // The quick fix on the unreachable tier removes it.
    await expect
      .poll(async () => (await problems(page)).join("\n"), { timeout: 20_000 })
      .toContain("unreachable-tier");
    await goTo(page, 20, 16);
    const fix = page
      .locator(".action-widget .monaco-list-row")
      .filter({ hasText: "Remove tier 'recent'" });
    // Open the quick fix menu, again if a busy machine answered before the fix was known.
    await expect
      .poll(
        async () => {
          if (await fix.isVisible()) return true;
          await page.keyboard.press("Escape");
          await page.keyboard.press("Control+.");
          return fix.waitFor({ timeout: 2000 }).then(
            () => true,
            () => false,
          );
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(true);
    await fix.click();
    await expect
      .poll(async () => (await problems(page)).join("\n"), { timeout: 20_000 })
      .not.toContain("unreachable-tier");
    const view = page.frameLocator("iframe.webview.ready").frameLocator("#active-frame");
    await expect
      .poll(
        () =>
          view
            .locator('[data-dimension="lifecycle"] tr[data-tier]')
            .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-tier"))),
        { timeout: 20_000 },
      )
      .toEqual(["active", "churned"]);
  }, 120_000);
});
