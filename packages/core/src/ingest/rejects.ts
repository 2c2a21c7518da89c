/** A row that was not ingested, and why. */
export interface Reject {
  /** The file as the user named it. */
  file: string;
  /** 1-based line where the row starts; the header is line 1. */
  line: number;
  reason: string;
}

/** `FILE:LINE: reason`, the form editors and terminals turn into links. */
export function formatReject(reject: Reject): string {
  return `${reject.file}:${reject.line}: ${reject.reason}`;
}

/** How many rejected rows are printed on screen; all of them go to `--rejects FILE`. */
export const REJECTS_ON_SCREEN = 20;
