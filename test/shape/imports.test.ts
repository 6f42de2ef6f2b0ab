import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The direction data flows in, as the folders show it (see CONVENTIONS): services know nothing of
 * Discord, commands know nothing of how things are stored, and the store implements the ports the
 * services own rather than the services importing the store's records.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function sources(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** What a file imports: static imports, re-exports and dynamic `import()` alike. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const statics = [...text.matchAll(/^(?:import|export)[^;]*?from '([^']+)';/gms)];
  const dynamics = [...text.matchAll(/\bimport\('([^']+)'\)/g)];
  return [...statics, ...dynamics].map((match) => match[1] as string);
}

function offending(folders: readonly string[], forbidden: (specifier: string) => boolean): string[] {
  return folders.flatMap((folder) =>
    sources(folder).flatMap((file) =>
      importsOf(file)
        .filter(forbidden)
        .map((specifier) => `${relative(ROOT, file)} imports ${specifier}`),
    ),
  );
}

const SERVICES = [
  'src/answers',
  'src/articles',
  'src/claims',
  'src/corpus',
  'src/people',
  'src/quotes',
  'src/search',
  'src/summaries',
  'src/text',
  'src/timeline',
  'src/subscriptions',
  'src/ingest',
  'src/llm',
];

describe('the shape of the code', () => {
  it('keeps discord.js out of the services and the commands', () => {
    expect(offending([...SERVICES, 'commands'], (s) => s === 'discord.js' || s.includes('/discord/'))).toEqual([]);
  });

  it('keeps the store out of the commands', () => {
    expect(offending(['commands'], (s) => s.includes('/store/'))).toEqual([]);
  });

  it('lets services name the store only as the whole they are handed, or its errors', () => {
    const allowed = /\/store\/(types|store-errors)\.js$/;
    expect(offending(SERVICES, (s) => s.includes('/store/') && !allowed.test(s))).toEqual([]);
  });
});
