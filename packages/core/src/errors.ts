/**
 * The one error family of Strata. Front ends map `code` once: the CLI to an exit code,
 * Slack to a polite reply, VS Code to a notification.
 */
export type StrataErrorCode =
  | "usage" // the command line or a setting is wrong
  | "file-not-found" // a named input file does not exist or cannot be read
  | "invalid-rules" // a rule file has errors
  | "invalid-data" // an input data file has rejected rows
  | "not-found" // a customer, run or other named thing does not exist
  | "ambiguous" // a name matches more than one thing
  | "storage" // the database cannot be opened, migrated or written
  | "internal"; // a bug: should never reach a user

export class StrataError extends Error {
  override readonly name = "StrataError";

  constructor(
    readonly code: StrataErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** True when `error` is a StrataError, optionally with the given code. */
export function isStrataError(error: unknown, code?: StrataErrorCode): error is StrataError {
  return error instanceof StrataError && (code === undefined || error.code === code);
}
