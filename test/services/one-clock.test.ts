/**
 * One clock: services and the domain take the time from the injected clock (src/clock.ts),
 * never from the machine, so every timestamp, cutoff and staleness check compares instants of the
 * same clock and tests can move it (test/evidence-files/clock.test.ts shows it for evidence files).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Reading the machine's clock: `Date.now()`, or `new Date()` without an argument. */
const READS_THE_CLOCK = /\bDate\.now\s*\(|\bnew\s+Date\s*\(\s*\)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|mjs|js)$/.test(entry.name) ? [path] : [];
  });
}

describe('one clock', () => {
  it('no file under src/services or src/domain reads the machine clock', () => {
    const files = ['src/services', 'src/domain'].flatMap((dir) => sourceFiles(join(ROOT, dir)));
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (READS_THE_CLOCK.test(line) ? [`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders, 'take the time from the injected clock (services get one from createServices)').toEqual([]);
  });

  it('the pattern finds both ways of reading the clock, and only those', () => {
    expect(['Date.now()', 'const t = new Date();', 'new Date( )'].filter((s) => READS_THE_CLOCK.test(s))).toHaveLength(3);
    expect(['new Date(now)', 'new Date(at.getTime() - graceMs)', 'clock()', 'updatedAt'].some((s) => READS_THE_CLOCK.test(s))).toBe(false);
  });
});
