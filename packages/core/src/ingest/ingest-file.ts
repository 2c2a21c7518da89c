import { stat } from "node:fs/promises";
import { StrataError } from "../errors.ts";
import type { FileWriter } from "../store/store.ts";
import {
  type ColumnMap,
  type FileKind,
  type ResolvedColumns,
  resolveColumns,
} from "./column-map.ts";
import { CsvSyntaxError, type Delimiter } from "./csv-parser.ts";
import type { RowParser } from "./order-row.ts";
import type { ProgressSink } from "./progress.ts";
import { readCsvFile } from "./read-csv-file.ts";
import { REJECTS_ON_SCREEN, type Reject } from "./rejects.ts";

/** An input file: where it is, and how the user named it (used in every message). */
export interface InputFile {
  path: string;
  label: string;
}

export interface FileIngestOptions {
  delimiter: Delimiter;
  map: ColumnMap;
  /** Ingest the good rows of a file with bad ones, instead of rejecting it whole. */
  skipBad: boolean;
  /** Called for every rejected row, in file order. */
  onReject(reject: Reject): void;
  progress?: ProgressSink;
  /** The current time in ms; elapsed times come from it. */
  clock(): number;
}

/** How one kind of file is read and written. */
export interface TableSpec<Row, Counts> {
  kind: FileKind;
  batchRows: number;
  prepare(columns: ResolvedColumns): {
    parser: RowParser<Row>;
    open(expectedRows: number): Promise<FileWriter<Row, Counts>>;
  };
}

export interface FileOutcome<Counts> {
  /** Data rows in the file (not the header or blank lines). */
  rowsRead: number;
  rejected: number;
  /** False when the file was rejected whole and nothing from it was written. */
  committed: boolean;
  /** What the store did; null when nothing was committed. */
  counts: Counts | null;
  /** Columns no field or attribute uses (orders files only keep known fields). */
  ignoredColumns: string[];
  /** The first rejected rows, at most REJECTS_ON_SCREEN. */
  firstRejects: Reject[];
  elapsedMs: number;
}

/**
 * Streams one file into the store in one transaction: every row is validated, bad rows
 * reported; the file is committed when it has no bad rows (or `skipBad`), else rolled back
 * whole. Throws StrataError for a missing header column or an unreadable file, after
 * rolling back.
 */
export async function ingestFile<Row, Counts>(
  file: InputFile,
  spec: TableSpec<Row, Counts>,
  options: FileIngestOptions,
): Promise<FileOutcome<Counts>> {
  const started = options.clock();
  const size = await stat(file.path).then(
    (s) => s.size,
    () => 0,
  );
  let columns: ResolvedColumns | null = null;
  let prepared: ReturnType<TableSpec<Row, Counts>["prepare"]> | null = null;
  let width = 0;
  let writer: FileWriter<Row, Counts> | null = null;
  let batch: Row[] = [];
  const full: Row[][] = [];
  let rowsRead = 0;
  let rejected = 0;
  const firstRejects: Reject[] = [];
  const writing = () => options.skipBad || rejected === 0;

  const reject = (line: number, reason: string) => {
    rejected++;
    const r = { file: file.label, line, reason };
    if (firstRejects.length < REJECTS_ON_SCREEN) firstRejects.push(r);
    options.onReject(r);
  };

  const onRecord = (fields: string[], line: number, problem: string | null) => {
    if (!prepared) {
      columns = resolveColumns(fields, spec.kind, options.map, file.label);
      prepared = spec.prepare(columns);
      width = fields.length;
      return;
    }
    rowsRead++;
    if (problem) return reject(line, problem);
    if (fields.length !== width) {
      return reject(line, `expected ${width} fields like the header, found ${fields.length}`);
    }
    const result = prepared.parser.parse(fields);
    if (!result.ok) return reject(line, result.reason);
    if (!writing()) return;
    batch.push(result.row);
    if (batch.length >= spec.batchRows) {
      full.push(batch);
      batch = [];
    }
  };

  const afterChunk = async (bytesRead: number) => {
    if (prepared && !writer) {
      writer = await prepared.open(bytesRead > 0 ? Math.round((size * rowsRead) / bytesRead) : 0);
    }
    if (!writing()) {
      full.length = 0;
      batch = [];
    }
    if (writer) for (const rows of full.splice(0)) await writer.write(rows);
    options.progress?.update(file.label, bytesRead, size, rowsRead, options.clock() - started);
  };

  let counts: Counts | null = null;
  try {
    await readCsvFile(file.path, file.label, options.delimiter, onRecord, afterChunk);
    if (!prepared || !writer) {
      throw new StrataError("invalid-data", `${file.label}: the file is empty (no header row)`);
    }
    const open: FileWriter<Row, Counts> = writer;
    if (writing()) {
      if (batch.length > 0) await open.write(batch);
      counts = await open.commit();
    } else {
      await open.rollback();
    }
  } catch (error) {
    await (writer as FileWriter<Row, Counts> | null)?.rollback();
    if (error instanceof CsvSyntaxError) {
      throw new StrataError("invalid-data", `${file.label}:${error.line}: ${error.message}`);
    }
    throw error;
  } finally {
    options.progress?.done();
  }
  const used = columns as ResolvedColumns | null;
  return {
    rowsRead,
    rejected,
    committed: counts !== null,
    counts,
    ignoredColumns: spec.kind === "orders" ? (used?.extra.map((e) => e.name) ?? []) : [],
    firstRejects,
    elapsedMs: options.clock() - started,
  };
}
