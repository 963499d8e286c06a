// Entry of the import parse worker thread (see import-parse-offload.ts). Built (dist/), the
// compiled import-parse-worker.js sits next to this file and is loaded as it is. From the sources
// (`npm run dev`, the tests) there is only import-parse-worker.ts: it is loaded through tsx.
import { existsSync } from 'node:fs';

const compiled = new URL('./import-parse-worker.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./import-parse-worker.ts');
}
