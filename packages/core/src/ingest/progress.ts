/** Where a long ingest reports how far it is. */
export interface ProgressSink {
  /** `elapsedMs` since the file was opened. */
  update(
    file: string,
    bytesRead: number,
    totalBytes: number,
    rows: number,
    elapsedMs: number,
  ): void;
  done(): void;
}

/**
 * A one-line progress display for a terminal: percent, rows, rows/s and ETA (from bytes
 * read against the file size), redrawn at most every `intervalMs` (by `clock`, in ms), and
 * only for files that take more than half a second.
 */
export function terminalProgress(
  write: (text: string) => void,
  clock: () => number,
  intervalMs = 250,
): ProgressSink {
  let last = Number.NEGATIVE_INFINITY;
  let shown = false;
  return {
    update(file, bytesRead, totalBytes, rows, elapsedMs) {
      const seconds = elapsedMs / 1000;
      if (seconds < 0.5) return;
      const now = clock();
      if (now - last < intervalMs) return;
      last = now;
      const share = totalBytes > 0 ? Math.min(1, bytesRead / totalBytes) : 1;
      const eta = share > 0 ? (seconds / share) * (1 - share) : 0;
      write(
        `\r\x1b[K${file}  ${(share * 100).toFixed(0)}%  ${rows.toLocaleString("en-US")} rows  ${Math.round(rows / seconds).toLocaleString("en-US")} rows/s  ETA ${duration(eta)}`,
      );
      shown = true;
    },
    done() {
      if (shown) write("\r\x1b[K");
      shown = false;
      last = Number.NEGATIVE_INFINITY;
    },
  };
}

/** `m:ss`, or `h:mm:ss` from an hour up. */
function duration(seconds: number): string {
  const s = Math.round(seconds);
  const pad = (n: number) => String(n).padStart(2, "0");
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}
