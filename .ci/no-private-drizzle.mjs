// Drizzle's private fields ($client, _.session …) belong to src/db/ only: every other layer goes through the Store's API.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const PRIVATE = /\$client\b|\._\.(session|schema|fullSchema)\b/;
const offenders = [];
function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (path !== join('src', 'db')) walk(path);
    } else if (path.endsWith('.ts')) {
      readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
        if (PRIVATE.test(line)) offenders.push(`${path}:${i + 1}: ${line.trim()}`);
      });
    }
  }
}
walk('src');
if (offenders.length > 0) {
  console.error(`Private drizzle fields used outside src/db (add what you need to the Store instead):\n${offenders.join('\n')}`);
  process.exit(1);
}
