// Entry of the export worker thread. Built (dist/, what `npm start` runs), the compiled
// export-worker.js sits next to this file and is loaded as it is. From the sources (`npm run dev`,
// the tests) there is only export-worker.ts: TypeScript is loaded through tsx, as in the main thread.
import { existsSync } from 'node:fs';

const compiled = new URL('./export-worker.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./export-worker.ts');
}
