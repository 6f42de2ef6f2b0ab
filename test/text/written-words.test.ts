import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadArticles } from '../../src/articles/load-articles.js';
import { forEachWrittenWord, writtenWords } from '../../src/text/written-words.js';

const SEEDS_DIR = fileURLToPath(new URL('../../seeds', import.meta.url));

/** The definition the scanner implements; kept here as the reference it is checked against. */
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

const TRICKY = [
  '',
  'Putin’s long-range “talks” — 12,000 troops; e-mail us @ndesk.',
  "rock 'n' roll isn't -dashed- 'quoted' trailing' '",
  'Zelénskyy met Erdoğan in Kyiv; Æsir, Ωmega, 東京 and 𝐁old 𝟗9 letters.',
  'cafe\u0301 (combining accent) and co-op-era and end-',
  'A–B a—b x’’y don’’t COVID-19 long-5 9-to-5 ’90s',
  '\u{1F600} emoji, tab\tnew\nline',
];

describe('writtenWords', () => {
  it('finds exactly the words the Unicode pattern finds', async () => {
    const { articles } = await loadArticles(SEEDS_DIR);
    const texts = [...TRICKY, ...articles.flatMap((article) => article.sentences.map((sentence) => sentence.text))];
    for (const text of texts) expect(writtenWords(text)).toEqual(text.match(WORD) ?? []);
  });

  it('says which words hold a digit', () => {
    const found: Array<[string, boolean]> = [];
    const text = 'COVID-19 long-5 9-to-5 ’90s Kyiv 𝟗9 twenty';
    forEachWrittenWord(text, (start, end, hasDigit) => found.push([text.slice(start, end), hasDigit]));
    expect(found).toEqual(found.map(([word]) => [word, /[0-9]/.test(word)]));
    expect(found.filter(([, digit]) => digit)).toHaveLength(5);
  });
});
