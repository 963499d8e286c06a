/**
 * `npx tsx test/bench/export-memory.ts [S|M] [seconds]` — where the server's memory goes under
 * figure (h)'s export load: generates the organisation, starts the server in a child process,
 * lets ten VIEWER tokens send the two-export request over and over (downloading both documents), and samples the server's RSS
 * (and, over IPC, the main thread's heap, external and array-buffer bytes) every 20 ms. Prints
 * the idle figures, the peak of each and the growth over idle. A diagnostic, not a figure.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateOrganisation, SIZES } from './generate.js';
import { GraphQLClient, startBenchServer } from './http.js';
import { TWO_EXPORTS } from './queries.js';

const MIB = 1024 * 1024;
const size = (process.argv[2] ?? 'S').toUpperCase();
const seconds = Number(process.argv[3] ?? 20);
const dir = fileURLToPath(new URL(`../../.bench/mem-${size}/`, import.meta.url));
mkdirSync(dir, { recursive: true });
const now = Math.floor(Date.now() / 60_000) * 60_000;
generateOrganisation(join(dir, 'crosswalk.db'), SIZES[size]!, 42, now);
const token = `bench-admin-${randomBytes(24).toString('hex')}`;
const server = await startBenchServer(dir, token);
const admin = new GraphQLClient(server.endpoint, token);
await admin.raw('{ __typename }');
const viewers: GraphQLClient[] = [];
for (let i = 0; i < 10; i++) {
  const d = await admin.data(`mutation($input: TokenCreateInput!) { tokenCreate(input: $input) { secret } }`, { input: { name: `mem-${i}`, role: 'VIEWER' } });
  viewers.push(new GraphQLClient(admin.endpoint, d.tokenCreate.secret));
}
const idle = { ...(await server.memory()), rss: server.rss() };
const peak = { ...idle };
const sampler = setInterval(async () => {
  peak.rss = Math.max(peak.rss, server.rss());
  const m = await server.memory();
  for (const k of ['heapUsed', 'heapTotal', 'external', 'arrayBuffers'] as const) peak[k] = Math.max(peak[k], m[k]);
}, 20);
const minute = 60_000;
let instant = 0;
const counts = { exported: 0, busy: 0, other: 0, bytes: 0 };
/** The error codes of the other answers, counted. */
const errors: Record<string, number> = {};
let running = true;
await Promise.all(
  viewers.map(async (viewer) => {
    const until = Date.now() + seconds * 1000;
    while (running && Date.now() < until) {
      let two;
      try {
        two = await viewer.raw<any>(TWO_EXPORTS(new Date(now - ++instant * minute).toISOString()));
      } catch (error) {
        // e.g. fetch's 300 s header timeout while the request waits behind the others' exports.
        const code = String((error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message);
        errors[code] = (errors[code] ?? 0) + 1;
        continue;
      }
      if (two.errors?.some((e) => e.extensions?.code === 'BUSY')) counts.busy++;
      else if (two.status === 200 && !two.errors?.length) {
        counts.exported += 2;
        // Downloaded as a client would (streamed, not kept).
        for (const doc of Object.values(two.data as Record<string, { downloadUrl: string }>)) {
          counts.bytes = Math.max(counts.bytes, (await viewer.download(doc.downloadUrl)).bytes);
        }
      } else {
        counts.other++;
        const code = String(two.errors?.[0]?.extensions?.code ?? two.status);
        errors[code] = (errors[code] ?? 0) + 1;
      }
    }
  }),
);
running = false;
clearInterval(sampler);
const fmt = (o: Record<string, number>) => Object.entries(o).map(([k, v]) => `${k} ${Math.round(v / MIB)}`).join(', ');
console.log(`${size}: idle ${fmt(idle)} MiB`);
console.log(`${size}: peak ${fmt(peak)} MiB; VmHWM ${Math.round(server.peakRss() / MIB)} MiB`);
console.log(`${size}: RSS growth over idle ${Math.round((peak.rss - idle.rss) / MIB)} MiB; ${JSON.stringify(counts)}, errors ${JSON.stringify(errors)} (largest document ${Math.round(counts.bytes / MIB)} MiB)`);
await server.stop();
