// Entry of the export worker thread: TypeScript is loaded through tsx (a runtime dependency), as
// in the main thread, then export-worker.ts handles the requests.
import { register } from 'tsx/esm/api';

register();
await import('./export-worker.ts');
