/**
 * `npm run build`, also run by `npm ci` through `prepare`: compiles src/ to dist/ with tsc
 * (tsconfig.build.json) and copies the plain JavaScript files of src/ (`.cjs`, `.mjs`: worker
 * entries and the modules they load by path) to the same place under dist/. `--outDir <dir>`
 * builds into another folder (the tests build the current sources that way).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const at = args.indexOf('--outDir');
const outDir = at >= 0 && args[at + 1] ? resolve(args[at + 1]) : join(root, 'dist');

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', outDir], { stdio: 'inherit' });
const sources = join(root, 'src');
for (const file of readdirSync(sources, { recursive: true, encoding: 'utf8' })) {
  if (/\.(cjs|mjs)$/.test(file)) cpSync(join(sources, file), join(outDir, file));
}
