import { join } from 'node:path';
import { readJsonLines } from './json-lines.js';
import { evaluateRow } from './quotes.js';
import { isScript } from './script.js';

/**
 * Diagnostic: every matched quote whose speaker is wrong, with the words around it, so attribution
 * rules can be studied on a split (`npx tsx eval/speaker-errors.ts DIR train/polnear.train.jsonl`).
 * Prints one block per error: the gold speakers, the predicted name and mention, and the text from
 * a little before the quotation to a little after it.
 */
const CONTEXT = 220;

export async function listSpeakerErrors(dataDir: string, file: string): Promise<string[]> {
  const rows = await readJsonLines<Parameters<typeof evaluateRow>[0]>(join(dataDir, file));
  const out: string[] = [];
  for (const row of rows) {
    const result = evaluateRow(row);
    for (const match of result.matches) {
      if (match.speakerRight) continue;
      const { start, end } = match.predicted;
      const text = row.text;
      const before = text.slice(Math.max(0, start - CONTEXT), start).replace(/\s+/g, ' ');
      const after = text.slice(end, end + CONTEXT / 2).replace(/\s+/g, ' ');
      const quote = text.slice(start, end).replace(/\s+/g, ' ');
      const shown = match.predicted.speaker;
      out.push(
        [
          `## ${row.id}  gold [${match.gold.speakers.join(' | ')}]  shown ${shown ? `${shown.name} (${shown.mention?.text ?? '-'})` : 'none'}  cue ${match.predicted.cue}`,
          `…${before}[[${quote.length > 160 ? `${quote.slice(0, 80)} … ${quote.slice(-60)}` : quote}]]${after}…`,
        ].join('\n'),
      );
    }
  }
  return out;
}

if (isScript(import.meta.url)) {
  const errors = await listSpeakerErrors(
    process.argv[2] ?? '../shared/eval',
    process.argv[3] ?? 'train/polnear.train.jsonl',
  );
  console.log(errors.join('\n\n'));
  console.log(`\n${errors.length} wrong speakers`);
}
