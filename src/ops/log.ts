/**
 * Structured logs: pino, one JSON object per line on stdout (pretty, coloured text when stdout is
 * a terminal). Level from CROSSWALK_LOG_LEVEL (default info).
 *
 * Rule: a log line never holds a token, a secret, a request body, GraphQL variables or a query
 * string. Request lines carry only the fields of {@link AccessRecord} (src/http/access-log.ts);
 * errors carry their stack at `error` level.
 */
import { createRequire } from 'node:module';
import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';
import type PinoPretty from 'pino-pretty';

/** pino-pretty is loaded only when a terminal reads the log. */
const loadPretty = (): typeof PinoPretty => createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;

export type { Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LoggerOptions {
  level?: LogLevel;
  /** Where lines go; default stdout. */
  destination?: DestinationStream;
  /** Human-readable lines instead of JSON; default: when stdout is a terminal. */
  pretty?: boolean;
  /** `name` field of every line (e.g. `cli`). */
  name?: string;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const stream = options.destination ?? process.stdout;
  const human = options.pretty ?? (options.destination === undefined && process.stdout.isTTY === true);
  return pino(
    {
      level: options.level ?? 'info',
      ...(options.name ? { name: options.name } : {}),
      base: { pid: process.pid },
      // `err` keeps type, message and stack (and the cause chain).
      serializers: { err: stdSerializers.err },
    },
    human ? loadPretty()({ destination: stream as NodeJS.WritableStream, colorize: options.destination === undefined, sync: true }) : stream,
  );
}
