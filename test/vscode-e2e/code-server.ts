import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { tools } from "./tools.ts";

const run = promisify(execFile);

/** User settings for a quiet, deterministic VS Code: no welcome page, chat, auto-save or updates. */
const SETTINGS = {
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "chat.disableAIFeatures": true,
  "files.autoSave": "off",
  "files.hotExit": "off",
  "security.workspace.trust.enabled": false,
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "telemetry.telemetryLevel": "off",
  "editor.minimap.enabled": false,
};

export interface RunningCodeServer {
  url: string;
  extensionsDir: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

const env = () => ({ ...process.env, PATH: `${tools.nodeBin}:${process.env.PATH ?? ""}` });

/**
 * Starts code-server (VS Code in the browser) on a free loopback port, with `vsix` installed
 * the way a user installs it, fresh user data under `home`, and `workspace` open.
 */
export async function startCodeServer(
  home: string,
  workspace: string,
  vsix: string,
): Promise<RunningCodeServer> {
  const userData = join(home, "user-data");
  const extensionsDir = join(home, "extensions");
  await mkdir(join(userData, "User"), { recursive: true });
  await mkdir(extensionsDir, { recursive: true });
  await writeFile(join(userData, "User/settings.json"), JSON.stringify(SETTINGS, null, 2));
  await writeFile(join(home, "config.yaml"), "auth: none\ncert: false\n");
  const common = [
    "--config",
    join(home, "config.yaml"),
    "--user-data-dir",
    userData,
    "--extensions-dir",
    extensionsDir,
  ];
  await run(tools.codeServer, [...common, "--install-extension", vsix], { env: env() });
  const port = await freePort();
  const child: ChildProcess = spawn(
    tools.codeServer,
    [
      ...common,
      "--auth",
      "none",
      "--bind-addr",
      `127.0.0.1:${port}`,
      "--disable-telemetry",
      "--disable-update-check",
      "--disable-workspace-trust",
      "--disable-getting-started-override",
      workspace,
    ],
    { env: env(), detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  let log = "";
  child.stdout?.on("data", (d) => {
    log += d;
  });
  child.stderr?.on("data", (d) => {
    log += d;
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start:\n${log}`)), 60_000);
    const poll = setInterval(() => {
      if (log.includes("HTTP server listening")) {
        clearTimeout(timer);
        clearInterval(poll);
        resolve();
      }
    }, 100);
    child.once("exit", (code) => {
      clearTimeout(timer);
      clearInterval(poll);
      reject(new Error(`code-server exited with ${code}:\n${log}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`,
    extensionsDir,
    async stop() {
      if (child.exitCode !== null || !child.pid) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid, "SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) process.kill(-child.pid, "SIGKILL");
    },
  };
}
