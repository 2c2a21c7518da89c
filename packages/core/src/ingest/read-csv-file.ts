import { createReadStream } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { StrataError } from "../errors.ts";
import { CsvParser, type Delimiter, type RecordHandler } from "./csv-parser.ts";

/** Bytes read per step: big enough for fast scanning, small enough for smooth progress. */
const CHUNK_BYTES = 1 << 20;

/**
 * Streams a UTF-8 delimited file through `onRecord`, one chunk at a time: memory stays
 * flat however large the file. After each chunk, `afterChunk` gets the bytes read so far
 * and is awaited, which is where callers write and report progress. Throws
 * StrataError("file-not-found") when the file cannot be read, and CsvSyntaxError when a
 * quoted field never closes.
 */
export async function readCsvFile(
  path: string,
  label: string,
  delimiter: Delimiter,
  onRecord: RecordHandler,
  afterChunk: (bytesRead: number) => Promise<void> | void,
): Promise<void> {
  const parser = new CsvParser(delimiter);
  const decoder = new StringDecoder("utf8");
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
      bytes += (chunk as Buffer).length;
      parser.push(decoder.write(chunk as Buffer), onRecord);
      await afterChunk(bytes);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EISDIR" || code === "EACCES") {
      const why = {
        ENOENT: "no such file",
        EISDIR: "it is a directory",
        EACCES: "permission denied",
      }[code];
      throw new StrataError("file-not-found", `cannot read ${label}: ${why}`);
    }
    throw error;
  }
  parser.push(decoder.end(), onRecord);
  parser.end(onRecord);
  await afterChunk(bytes);
}
