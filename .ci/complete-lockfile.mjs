// Completes package-lock.json after `npm install` on a machine whose registry serves only this
// platform's optional binaries (rollup, biome, esbuild ship one package per OS/CPU). npm then
// leaves the other platforms out of the lockfile and `npm ci` refuses it as out of sync
// (https://github.com/npm/cli/issues/4828). An optional entry with just its version keeps the
// lockfile consistent; npm skips optional packages it cannot install.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
let added = 0;
for (const meta of Object.values(lock.packages)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (lock.packages[key]) continue;
    lock.packages[key] = meta.dev ? { version, dev: true, optional: true } : { version, optional: true };
    added += 1;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: added ${added} optional platform entries`);
