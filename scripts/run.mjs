// `node scripts/run.mjs src/index.ts [args…]`: runs an entry point from dist/, compiling what changed
// first (scripts/build.mjs). Without TypeScript installed, it runs the source through tsx instead.
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfStale, outputOf, ROOT } from './build.mjs';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node scripts/run.mjs <entry.ts> [args…]\n');
  process.exit(2);
}
const source = relative(ROOT, resolve(ROOT, entry));
let target;
if (buildIfStale()) {
  target = outputOf(source);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  target = resolve(ROOT, source);
}
// The entry reads its own arguments from process.argv, as if it had been started directly.
process.argv = [process.argv[0], target, ...args];
await import(pathToFileURL(target).href);
