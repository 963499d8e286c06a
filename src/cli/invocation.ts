/**
 * Where the operator ran a command from, and which server a command talks to: the two things
 * every CLI command resolves the same way.
 */
import { dirname, resolve } from 'node:path';
import { loadConfig } from '../config.js';

/**
 * The directory the operator ran the command from. `npm run cli -- …` runs the script in the
 * package root and records the operator's directory in INIT_CWD; it is used only when this
 * process runs in that package root (a process started elsewhere that merely inherited INIT_CWD
 * keeps its own directory).
 */
export function invocationDirectory(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const packageJson = env.npm_package_json;
  if (env.INIT_CWD && packageJson && resolve(dirname(packageJson)) === resolve(cwd)) return resolve(env.INIT_CWD);
  return cwd;
}

/** A path argument, relative to the directory the operator ran the command from. */
export function argumentPath(path: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(invocationDirectory(env), path);
}

/** The server a command talks to and where that address came from (named in error messages). */
export interface ServerAddress {
  url: string;
  source: '--url' | 'CROSSWALK_URL' | 'HOST and PORT';
}

/**
 * One way to find the server everywhere: `--url`, else CROSSWALK_URL, else http://HOST:PORT from
 * the same variables (and defaults) the server reads; a server listening on every interface
 * (0.0.0.0 or ::) is reached on this machine's loopback address.
 */
export function serverAddress(option: string | undefined, env: NodeJS.ProcessEnv = process.env): ServerAddress {
  if (option !== undefined) return { url: option, source: '--url' };
  if (env.CROSSWALK_URL) return { url: env.CROSSWALK_URL, source: 'CROSSWALK_URL' };
  const { host, port } = loadConfig(env);
  const reachable = host === '0.0.0.0' || host === '' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return { url: `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`, source: 'HOST and PORT' };
}

/** One line for a server that does not answer: the URL tried and how to point to another one. */
export function unreachableMessage(address: ServerAddress, origin: string, reason: string): string {
  const from = address.source === 'HOST and PORT' ? 'from PORT and HOST, as the server reads them' : `from ${address.source}`;
  return (
    `cannot reach the Crosswalk server at ${origin} (${reason}; the address came ${from}); ` +
    'start it with npm start, or name its address with --url or CROSSWALK_URL (e.g. CROSSWALK_URL=http://127.0.0.1:4001), or set PORT to the port it listens on'
  );
}
