/**
 * A Crosswalk server in a child process (`node --import tsx <entry>`, or `node <entry>` for a
 * compiled `.js` entry such as the compiled build's dist/main.js), configured through the
 * environment like `npm start`: PORT=0, CROSSWALK_SEED=none, a known ADMIN token. Its URL is
 * parsed from what it prints. Used by the crash test (SIGKILL) and the benchmark (its own RSS).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface ChildServer {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  /** Sends the signal and waits for the process to exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

export interface SpawnOptions {
  dataDir: string;
  adminToken: string;
  /** Script to run, relative to the repository or absolute (default src/main.ts); a `.js` one runs without tsx. */
  entry?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}

export async function spawnServer(options: SpawnOptions): Promise<ChildServer> {
  const entry = options.entry ?? 'src/main.ts';
  const child = spawn(process.execPath, entry.endsWith('.js') ? [entry] : ['--import', 'tsx', entry], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      CROSSWALK_SEED: 'none',
      CROSSWALK_DATA_DIR: options.dataDir,
      CROSSWALK_ADMIN_TOKEN: options.adminToken,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (text: string) => (output += text));
  child.stderr!.setEncoding('utf8').on('data', (text: string) => (output += text));
  const exited = once(child, 'exit');
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within ${options.timeoutMs ?? 120_000} ms:\n${output}`)), options.timeoutMs ?? 120_000);
    const check = () => {
      const match = /GraphQL API and explorer: (http:\/\/\S+)\/graphql/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before it was ready:\n${output}`));
    });
  });
  return {
    url,
    pid: child.pid!,
    child,
    output: () => output,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
