/**
 * The clock that stamps files' modification times: the operating system's. The age of a file
 * (a stale temp upload, an export file nothing records) is measured on it, since its mtime was
 * written by it. Everything else in services takes the injected clock (src/clock.ts).
 */
export const fileSystemNow = (): number => Date.now();
