/** Whether the file `bundle` exists and is at least as new as every file under `sources`. */
export function bundleIsFresh(bundle: string, sources: string): boolean;
