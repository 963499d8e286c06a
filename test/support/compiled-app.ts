/**
 * The compiled application, as `npm ci` leaves it: `npm run build` (the `prepare` script) run on
 * the current sources into a folder laid out like the repository (dist/ beside links to seeds/,
 * migrations/, schema/ and node_modules/, and a copy of package.json). Tests that start the
 * server or the CLI as a process run this build, what `npm start` and `npm run cli` run. It is
 * built once per test run (the first test file to ask builds it; the others reuse it) into the
 * folder of the global setup, so it is never older than the sources.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll } from 'vitest';
import { templateFolder } from './template-db.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CompiledApp {
  /** The folder holding package.json and dist/ (where `npm start` runs). */
  root: string;
  /** dist/main.js: what `npm start` runs. */
  main: string;
  /** dist/cli/index.js: what `npm run cli` runs. */
  cli: string;
}

/** How long building may take on a loaded machine (the first file to ask waits for it). */
const BUILD_TIMEOUT_MS = 300_000;

let built: Promise<CompiledApp> | undefined;

/** The compiled application of this test run (built on first use). */
export function compiledApp(): Promise<CompiledApp> {
  return (built ??= build());
}

/** For a test file that runs the compiled server or CLI: builds it (or waits for it) before the file's tests, not inside one. */
export function useCompiledApp(): void {
  beforeAll(() => compiledApp(), BUILD_TIMEOUT_MS);
}

async function build(): Promise<CompiledApp> {
  const folder = templateFolder() ?? mkdtempSync(join(tmpdir(), 'crosswalk-compiled-'));
  const root = join(folder, 'app');
  const app = { root, main: join(root, 'dist', 'main.js'), cli: join(root, 'dist', 'cli', 'index.js') };
  // One test file builds (it holds the lock: an atomic mkdir); the others wait for the result.
  const lock = join(folder, 'app.lock');
  for (;;) {
    if (existsSync(app.main)) return app;
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    if (existsSync(app.main)) return app;
    // Built in a private folder, then renamed into place: a folder seen under its final name is complete.
    const building = mkdtempSync(join(folder, 'building-app-'));
    try {
      for (const shared of ['seeds', 'migrations', 'schema', 'node_modules']) symlinkSync(join(REPO_ROOT, shared), join(building, shared));
      copyFileSync(join(REPO_ROOT, 'package.json'), join(building, 'package.json'));
      await npmRunBuild(join(building, 'dist'));
      renameSync(building, root);
    } finally {
      rmSync(building, { recursive: true, force: true });
    }
    return app;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function npmRunBuild(outDir: string): Promise<void> {
  const { NODE_OPTIONS: _ignored, ...env } = process.env;
  return new Promise((resolve, reject) => {
    execFile('npm', ['run', '--silent', 'build', '--', '--outDir', outDir], { cwd: REPO_ROOT, env, timeout: BUILD_TIMEOUT_MS }, (error, stdout, stderr) =>
      error ? reject(new Error(`npm run build failed (${error.code}):\n${stdout}${stderr}`)) : resolve(),
    );
  });
}
