import { closeSync, openSync, writeSync } from "node:fs";
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { StrataError } from "../../errors.ts";
import { parseColumnMap } from "../../ingest/column-map.ts";
import { parseDelimiter } from "../../ingest/delimiter.ts";
import { formatRejects, formatSummary, reportJson } from "../../ingest/format-report.ts";
import { ingest } from "../../ingest/ingest.ts";
import type { InputFile } from "../../ingest/ingest-file.ts";
import { terminalProgress } from "../../ingest/progress.ts";
import { formatReject, type Reject } from "../../ingest/rejects.ts";
import { resolveDbPath } from "../../store/db-path.ts";
import { openSqliteStore } from "../../store/sqlite/sqlite-store.ts";
import type { Command, Io } from "../command.ts";
import { DB_OPTION, JSON_OPTION } from "../engine-context.ts";

async function inputFile(label: string, io: Io): Promise<InputFile> {
  const path = resolve(io.cwd, label);
  const info = await stat(path).catch(() => null);
  // A named pipe is welcome too: `--orders <(zcat orders.csv.gz)` streams a compressed file.
  if (!info?.isFile() && !info?.isFIFO()) {
    throw new StrataError(
      "file-not-found",
      `cannot read ${label}: ${info ? "it is not a file" : "no such file"}`,
    );
  }
  return { path, label };
}

/** Appends reject lines to a file with synchronous, buffered writes (bounded memory). */
function rejectsSink(path: string): { add(reject: Reject): void; close(): void } {
  let fd: number;
  try {
    fd = openSync(path, "w");
  } catch (error) {
    throw new StrataError(
      "file-not-found",
      `cannot write --rejects ${path}: ${(error as Error).message}`,
    );
  }
  let buffer = "";
  const flush = () => {
    if (buffer) writeSync(fd, buffer);
    buffer = "";
  };
  return {
    add(reject) {
      buffer += `${formatReject(reject)}\n`;
      if (buffer.length > 65_536) flush();
    },
    close() {
      flush();
      closeSync(fd);
    },
  };
}

export const ingestCommand: Command = {
  name: "ingest",
  summary: "Load customers and orders from CSV files into the database, all or nothing per file",
  usage:
    "strata ingest [--customers FILE] --orders FILE [--map field=column ...] [--delimiter C] [--skip-bad] [--rejects FILE] [--db PATH] [--json]",
  description: [
    "Streams each file (any size) into the database in one transaction. Orders need",
    "customer_id, order_date (YYYY-MM-DD, an ISO date-time or YYYYMMDD) and amount; order_id,",
    "profit and category are optional. Customers need customer_id; name and account_manager",
    "are optional and every other column becomes an attribute the rules can use. Customers",
    "named only in orders are created.",
    "",
    "Ingesting the same orders again adds nothing: orders are matched by order_id or, in",
    "files without one, by their content, where identical rows within one file count as",
    "separate orders. A file with a bad row is rejected whole (exit 1) unless --skip-bad;",
    "bad rows are listed as FILE:LINE: reason (the first 20 here, all with --rejects).",
    "The database is --db, else $STRATA_DB, else ./strata.db.",
  ].join("\n"),
  options: {
    customers: { type: "string", value: "FILE", description: "Customers CSV (read first)." },
    orders: { type: "string", value: "FILE", description: "Orders CSV." },
    map: {
      type: "string",
      multiple: true,
      value: "FIELD=COLUMN",
      description: "Read a field from another column, e.g. order_date=date or orders.amount=total.",
    },
    delimiter: {
      type: "string",
      value: "C",
      description: "Field separator: one character (default ,), 'tab' or 'whitespace'.",
    },
    "skip-bad": { type: "boolean", description: "Ingest the good rows of a file with bad ones." },
    rejects: { type: "string", value: "FILE", description: "Write every rejected row to FILE." },
    db: DB_OPTION,
    json: JSON_OPTION,
  },
  examples: [
    "strata ingest --customers customers.csv --orders orders.csv",
    "strata ingest --orders CDNOW_master.txt --delimiter whitespace --map order_date=date --map amount=dollar_value",
    "strata ingest --orders export.csv --skip-bad --rejects bad-rows.txt --db /data/strata.db",
  ],
  async run({ positionals, values }, io) {
    if (positionals.length > 0) {
      throw new StrataError(
        "usage",
        `unexpected argument '${positionals[0]}'; name files with --orders and --customers`,
      );
    }
    const str = (name: string) =>
      typeof values[name] === "string" ? (values[name] as string) : undefined;
    const [customersArg, ordersArg, rejectsArg] = [str("customers"), str("orders"), str("rejects")];
    if (!customersArg && !ordersArg) {
      throw new StrataError(
        "usage",
        "name a file to ingest: --orders FILE and/or --customers FILE",
      );
    }
    const map = parseColumnMap((values.map as string[] | undefined) ?? []);
    const delimiter = parseDelimiter(str("delimiter"));
    const customers = customersArg ? await inputFile(customersArg, io) : undefined;
    const orders = ordersArg ? await inputFile(ordersArg, io) : undefined;
    const database = resolveDbPath(str("db"), io.env, io.cwd);
    const clock = () => io.now().getTime();
    const store = await openSqliteStore(database);
    let rejects: ReturnType<typeof rejectsSink> | undefined;
    let report: Awaited<ReturnType<typeof ingest>>;
    try {
      // Opened only once the database is: a failure before leaves an earlier rejects file be.
      rejects = rejectsArg ? rejectsSink(resolve(io.cwd, rejectsArg)) : undefined;
      report = await ingest(store, {
        ...(customers ? { customers } : {}),
        ...(orders ? { orders } : {}),
        delimiter,
        map,
        skipBad: values["skip-bad"] === true,
        onReject: (reject) => rejects?.add(reject),
        ...(io.isTTY && !values.json ? { progress: terminalProgress(io.stderr, clock) } : {}),
        clock,
      });
    } finally {
      rejects?.close();
      await store.close();
    }
    if (values.json) {
      io.stdout(`${JSON.stringify(reportJson(report, database, rejectsArg), null, 2)}\n`);
    } else {
      io.stderr(formatRejects(report, rejectsArg));
      io.stdout(formatSummary(report));
    }
    const failed = report.files.find((f) => !f.committed);
    if (failed) {
      if (!values.json) {
        io.stderr(
          `strata ingest: ${failed.file} has ${failed.rejected.toLocaleString("en-US")} bad ${failed.rejected === 1 ? "row" : "rows"}, so nothing from it was written. Fix them, or pass --skip-bad to ingest the good rows.\n`,
        );
      }
      return 1;
    }
    return 0;
  },
};
