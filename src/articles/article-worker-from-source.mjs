// The article worker thread run from source (tests, tsx): tsx's loader registered in the thread,
// found from this file wherever the process was started, then the TypeScript entry.
import { register } from 'tsx/esm/api';

register();
await import('./article-worker.ts');
