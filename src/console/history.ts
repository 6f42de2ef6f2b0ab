import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { displaySafe } from '../text/display-safe.js';

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
  // Made safe again on the way in: a file written by an older version may hold escape sequences.
  const lines = text
    .split('\n')
    .map(displaySafe)
    .filter((line) => line.trim());
  const kept = lines.slice(-MAX_HISTORY);
  if (lines.length > 2 * MAX_HISTORY) await writeFile(file, `${kept.join('\n')}\n`);
  return kept.reverse();
}

/**
 * Appends one line, creating the data folder on first use. What was typed is kept terminal-safe:
 * the file is shown again by readline (and by anyone who prints it).
 */
export async function appendHistory(file: string, line: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await appendFile(file, `${displaySafe(line).replaceAll('\n', ' ')}\n`);
}
