import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // Unit tests of the VS Code extension run outside VS Code, against a stand-in module.
    alias: {
      vscode: fileURLToPath(
        new URL("./packages/vscode-ext/src/testing/fake-vscode.ts", import.meta.url),
      ),
    },
  },
  test: {
    include: ["packages/*/src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
  },
});
