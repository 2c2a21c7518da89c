import { openSqliteStore } from "../store/sqlite/sqlite-store.ts";
import type { Io } from "./command.ts";
import { runCli } from "./main.ts";

/** Runs `strata ARGS` in-process with captured output. For tests only. */
export async function runStrata(
  argv: string[],
  options: { cwd: string; env?: Record<string, string>; isTTY?: boolean; now?: () => Date },
) {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env: options.env ?? {},
    cwd: options.cwd,
    isTTY: options.isTTY ?? false,
    now: options.now ?? (() => new Date("2026-01-01T00:00:00Z")),
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

/** Every row of customers and orders, in a stable order. For tests only. */
export async function dumpDatabase(path: string) {
  const store = await openSqliteStore(path);
  try {
    return {
      customers: await store.connection.all("SELECT * FROM customers ORDER BY customer_id"),
      orders: await store.connection.all("SELECT * FROM orders_with_dates ORDER BY order_id"),
    };
  } finally {
    await store.close();
  }
}
