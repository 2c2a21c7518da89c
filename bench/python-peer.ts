/** Runs Debian's Python (with numpy, scikit-learn, pandas) as a peer in benchmarks. */
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const PYTHON = "/usr/bin/python3";

/**
 * Runs `script` with `args` and parses the JSON it prints last. Throws with the way to
 * install the peer when Python or one of its modules is missing.
 */
export async function runPython<T>(script: string, args: string[]): Promise<T> {
  try {
    const { stdout } = await promisify(execFile)(PYTHON, ["-c", script, ...args], {
      maxBuffer: 1 << 26,
    });
    return JSON.parse(stdout.trim().split("\n").at(-1) ?? "null") as T;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/No module named|ENOENT/.test(message)) {
      throw new Error(
        `the Python peer is missing (${message.split("\n").find((l) => /No module|ENOENT/.test(l))}): apt-get install -y python3-sklearn python3-pandas`,
      );
    }
    throw error;
  }
}
