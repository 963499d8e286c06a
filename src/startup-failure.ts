/**
 * Start-up and configuration mistakes as one line each: what is wrong and how to fix it. The
 * server (src/main.ts), the operator CLI and the load test print that line with exit code 2
 * (`EXIT_CONFIG`) and no stack trace; anything not recognised here is a real bug and keeps its stack.
 */
import { ConfigError } from './config.js';

/** Exit code of a configuration or start-up mistake. */
export const EXIT_CONFIG = 2;

/** Where the server was told to listen, to name it in messages. */
export interface ListenTarget {
  host: string;
  port: number;
}

/** The one-line explanation of an operator's mistake, or null for an unexpected error (a bug). */
export function describeStartupFailure(error: unknown, target?: ListenTarget): string | null {
  if (error instanceof ConfigError) return error.message;
  if (typeof (error as { code?: unknown })?.code === 'string' && (error as { code: string }).code.startsWith('ERR_PARSE_ARGS_')) {
    return `${(error as Error).message.split('\n')[0]} (see the options at the top of the script)`;
  }
  const { code, syscall, path } = (error ?? {}) as { code?: unknown; syscall?: unknown; path?: unknown };
  if (syscall === 'listen' && target) {
    const where = `${target.host}:${target.port}`;
    if (code === 'EADDRINUSE') {
      return `port ${target.port} is already in use on ${target.host} (another Crosswalk or another program listens there); stop it, or set PORT to a free port, e.g. PORT=${target.port === 65535 ? 4001 : target.port + 1}`;
    }
    if (code === 'EACCES') return `not allowed to listen on ${where}; set PORT to a port above 1023 (e.g. PORT=4000)`;
    if (code === 'EADDRNOTAVAIL') return `HOST=${target.host} is not an address of this machine; set HOST to 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)`;
  }
  if (syscall === 'getaddrinfo' && target && (code === 'ENOTFOUND' || code === 'EAI_AGAIN')) {
    return `HOST=${target.host} is not a name this machine can resolve; set HOST to 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)`;
  }
  if ((code === 'EACCES' || code === 'EROFS' || code === 'ENOTDIR' || code === 'EPERM') && typeof path === 'string') {
    return `cannot write ${path} (${code}); set CROSSWALK_DATA_DIR to a directory this user may write`;
  }
  if (code === 'SQLITE_CANTOPEN') return 'cannot open the database file; set CROSSWALK_DATA_DIR to a directory this user may write';
  return null;
}

/**
 * Prints a start-up failure and ends the process: one line and exit code 2 for a mistake the
 * operator can fix, the error with its stack (exit code 1) otherwise.
 */
export function exitOnStartupFailure(error: unknown, program: string, target?: ListenTarget): never {
  const line = describeStartupFailure(error, target);
  if (line !== null) {
    console.error(`${program}: ${line}`);
    process.exit(EXIT_CONFIG);
  }
  console.error(error);
  process.exit(1);
}
