/**
 * Runs the integration suite in a real VS Code with @vscode/test-electron: the one at
 * $VSCODE_EXECUTABLE_PATH, else a copy it downloads. Where neither is possible (no VS Code
 * installed and no route to its download server, as on machines that reach only package
 * registries) the suite does not run: it says so and exits 0, or 1 with
 * STRATA_VSCODE_INTEGRATION=require. It never reports a pass it did not see.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runTests } from "@vscode/test-electron";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const out = join(root, "dist-test");

await build({
  entryPoints: { suite: join(root, "test-integration/suite.ts") },
  bundle: true,
  platform: "node",
  format: "cjs",
  outdir: out,
  outExtension: { ".js": ".cjs" },
  external: ["vscode"],
  logLevel: "warning",
});

const executable = process.env.VSCODE_EXECUTABLE_PATH;
try {
  await runTests({
    ...(executable ? { vscodeExecutablePath: executable } : {}),
    extensionDevelopmentPath: root,
    extensionTestsPath: join(out, "suite.cjs"),
    launchArgs: [
      join(root, "test-integration/workspace"),
      "--disable-extensions",
      "--disable-workspace-trust",
    ],
  });
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  const unavailable =
    !executable &&
    /download|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|fetch|network|getaddrinfo/i.test(message);
  if (unavailable) {
    console.log(
      [
        "integration suite NOT RUN: VS Code could not be downloaded here",
        `  (${message.split("\n")[0]})`,
        "  Set VSCODE_EXECUTABLE_PATH to an installed VS Code to run it.",
      ].join("\n"),
    );
    process.exit(process.env.STRATA_VSCODE_INTEGRATION === "require" ? 1 : 0);
  }
  console.error(`integration suite FAILED: ${message}`);
  process.exit(1);
}
