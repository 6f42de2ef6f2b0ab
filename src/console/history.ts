import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export const MAX_HISTORY = 500;

/** Past lines, newest first (the order readline wants); the file is trimmed when it grows long. */
export async function loadHistory(file: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const lines = text.split('\n').filter((line) => line.trim());
  const kept = lines.slice(-MAX_HISTORY);
  if (lines.length > 2 * MAX_HISTORY) await writeFile(file, `${kept.join('\n')}\n`);
  return kept.reverse();
}

/** Appends one line, creating the data folder on first use. */
export async function appendHistory(file: string, line: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await appendFile(file, `${line.replaceAll('\n', ' ')}\n`);
}
