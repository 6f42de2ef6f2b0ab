import { readFile } from 'node:fs/promises';

/** Reads a JSON-lines file: one JSON value a line, blank lines skipped. */
export async function readJsonLines<T>(file: string): Promise<T[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}
