/**
 * Strata opens its databases in WAL mode, so while a writer (the Slack bot, an ingest) holds
 * one open, recent commits live in `<db>-wal` and not yet in the main file. sql.js reads a
 * single in-memory file and cannot be handed the log, so the log is applied here, the way
 * SQLite recovers it (https://www.sqlite.org/fileformat2.html#the_write_ahead_log): frames
 * whose salts match the log's header and whose running checksum holds, up to the last
 * commit frame; anything after (an unfinished transaction, a torn write, frames left from
 * before the log restarted) is ignored.
 */

const WAL_HEADER = 32;
const FRAME_HEADER = 24;
const MAGIC_LITTLE_ENDIAN = 0x377f0682;
const MAGIC_BIG_ENDIAN = 0x377f0683;

/**
 * The database as a reader sees it with `wal` applied to the main file `db`: a new array, or
 * `db` itself when the log is empty, not a valid log, or holds no committed transaction.
 */
export function applyWal(db: Uint8Array, wal: Uint8Array): Uint8Array {
  if (wal.byteLength < WAL_HEADER) return db;
  const view = new DataView(wal.buffer, wal.byteOffset, wal.byteLength);
  const magic = view.getUint32(0);
  if (magic !== MAGIC_LITTLE_ENDIAN && magic !== MAGIC_BIG_ENDIAN) return db;
  const littleEndian = magic === MAGIC_LITTLE_ENDIAN;
  const pageSize = view.getUint32(8);
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return db;
  let sum = checksum(view, 0, 24, littleEndian, [0, 0]);
  if (sum[0] !== view.getUint32(24) || sum[1] !== view.getUint32(28)) return db;
  const salt1 = view.getUint32(16);
  const salt2 = view.getUint32(20);

  // The frames that stand: those up to the last commit frame of the valid run from the start.
  let end = WAL_HEADER;
  let committedPages = 0;
  for (let at = WAL_HEADER; at + FRAME_HEADER + pageSize <= wal.byteLength; ) {
    if (view.getUint32(at + 8) !== salt1 || view.getUint32(at + 12) !== salt2) break;
    sum = checksum(view, at, 8, littleEndian, sum);
    sum = checksum(view, at + FRAME_HEADER, pageSize, littleEndian, sum);
    if (sum[0] !== view.getUint32(at + 16) || sum[1] !== view.getUint32(at + 20)) break;
    const sizeAfterCommit = view.getUint32(at + 4);
    at += FRAME_HEADER + pageSize;
    if (sizeAfterCommit > 0) {
      end = at;
      committedPages = sizeAfterCommit;
    }
  }
  if (committedPages === 0) return db;

  const image = new Uint8Array(committedPages * pageSize);
  image.set(db.subarray(0, Math.min(db.byteLength, image.byteLength)));
  for (let at = WAL_HEADER; at < end; at += FRAME_HEADER + pageSize) {
    const page = view.getUint32(at);
    if (page >= 1 && page <= committedPages) {
      image.set(
        wal.subarray(at + FRAME_HEADER, at + FRAME_HEADER + pageSize),
        (page - 1) * pageSize,
      );
    }
  }
  return image;
}

/** SQLite's WAL checksum over `length` bytes (a multiple of 8) from `start`, continued from `sum`. */
function checksum(
  view: DataView,
  start: number,
  length: number,
  littleEndian: boolean,
  [s0, s1]: readonly [number, number],
): [number, number] {
  let a = s0;
  let b = s1;
  for (let i = start; i < start + length; i += 8) {
    a = (a + view.getUint32(i, littleEndian) + b) >>> 0;
    b = (b + view.getUint32(i + 4, littleEndian) + a) >>> 0;
  }
  return [a, b];
}
