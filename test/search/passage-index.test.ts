import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildArticle } from '../../src/articles/article.js';
import { loadArticles } from '../../src/articles/load-articles.js';
import { MAX_RANKED_PASSAGES, PassageIndex } from '../../src/search/passage-index.js';

const summit = buildArticle(
  'Leaders will meet in Alaska on Friday.\n\nThe summit could last several hours. Officials said the talks would cover a ceasefire.',
  { title: 'Summit set for Alaska', date: '2025-08-10' },
  'summit',
);
const weather = buildArticle(
  'Heavy rain is expected across the region.\n\nForecasters said the storm would reach the coast by Friday.',
  { title: 'Storm warning', date: '2025-08-11' },
  'weather',
);

describe('PassageIndex', () => {
  const opened: PassageIndex[] = [];
  const open = (file?: string) => {
    const index = PassageIndex.open(file);
    opened.push(index);
    return index;
  };
  afterEach(() => {
    for (const index of opened.splice(0)) index.close();
  });

  it('indexes one passage per sentence', () => {
    const index = open();
    index.add([summit, weather]);
    expect(index.size).toBe(summit.sentences.length + weather.sentences.length);
  });

  it('returns hits whose text is exactly the article span they point at', () => {
    const index = open();
    index.add([summit, weather]);
    const hits = index.search('ceasefire talks');
    expect(hits[0]).toMatchObject({ articleId: summit.id, sentence: 2 });
    for (const hit of hits) {
      const article = hit.articleId === summit.id ? summit : weather;
      expect(hit.text).toBe(article.text.slice(hit.start, hit.end));
      expect(hit.text).toBe(article.sentences[hit.sentence]?.text);
    }
  });

  it('ranks the sentence holding more of the query words first, and stems them', () => {
    const index = open();
    index.add([summit, weather]);
    const hits = index.search('storms reaching the coast');
    expect(hits[0]?.text).toBe('Forecasters said the storm would reach the coast by Friday.');
    expect(hits.every((hit, i) => i === 0 || hit.score <= hits[i - 1]!.score)).toBe(true);
  });

  it('never lets user text produce an FTS syntax error', () => {
    const index = open();
    index.add([summit]);
    for (const query of [
      '"unbalanced',
      'AND OR NOT',
      'summit*',
      'title:summit',
      '(alaska',
      'NEAR(a b)',
      '^',
      '',
      '   ',
    ]) {
      expect(() => index.search(query)).not.toThrow();
    }
    expect(index.search('"Alaska')[0]?.articleId).toBe(summit.id);
  });

  it('restricts hits to the given articles', () => {
    const index = open();
    index.add([summit, weather]);
    expect(index.search('Friday', { articleIds: [weather.id] }).map((hit) => hit.articleId)).toEqual([weather.id]);
    expect(index.search('Friday', { articleIds: [] })).toEqual([]);
  });

  it('honours the limit', () => {
    const index = open();
    index.add([summit, weather]);
    expect(index.search('Friday said', { limit: 1 })).toHaveLength(1);
  });

  it('forgets removed articles and ignores ones added twice', () => {
    const index = open();
    index.add([summit, weather]);
    index.add([summit]);
    expect(index.size).toBe(summit.sentences.length + weather.sentences.length);
    index.remove([summit.id, 'unknown']);
    expect(index.size).toBe(weather.sentences.length);
    expect(index.search('Alaska summit')).toEqual([]);
  });

  it('lets the rarer words choose the passages when a common word matches too many', () => {
    // Routine updates in which "ministers" fills more passages than are ranked at once.
    const routine = Array.from({ length: MAX_RANKED_PASSAGES / 5 + 1 }, (_, i) =>
      buildArticle(
        Array.from({ length: 10 }, (_, j) =>
          j % 2 ? `Ministers met again on day ${i}.${j}.` : `The budget review went on, day ${i}.${j}.`,
        ).join('\n\n'),
        { title: `Update ${i}` },
        `routine-${i}`,
      ),
    );
    const backed = buildArticle('Ministers backed the ceasefire.', { title: 'Backing' }, 'backed');
    const index = open();
    index.add([...routine, summit, backed]);
    const hits = index.search('Which ministers discussed the ceasefire?', { limit: 5 });
    expect(hits.map((hit) => hit.articleId)).toEqual([backed.id, summit.id]);
    expect(index.search('ministers', { limit: 1 })).toHaveLength(1);
    // A word found nowhere must not stand in for the rare words.
    expect(index.search('What are the ministers dithering about?', { limit: 1 })).toHaveLength(1);
  });

  it('reads each article as stems once, for re-ranking its hits', () => {
    const index = open();
    index.add([summit]);
    const words = index.wordsOf(summit.id);
    expect(words).toBe(index.wordsOf(summit.id));
    expect(words?.sentenceCount).toBe(summit.sentences.length);
    expect(index.wordsOf('unknown')).toBeUndefined();
  });

  it('keeps its passages in a file across reopening', () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsdesk-index-'));
    try {
      const file = join(dir, 'index.db');
      const first = PassageIndex.open(file);
      first.add([summit]);
      first.close();
      const again = open(file);
      expect(again.size).toBe(summit.sentences.length);
      again.add([summit]);
      expect(again.size).toBe(summit.sentences.length);
      expect(again.search('Alaska')[0]?.text).toBe('Leaders will meet in Alaska on Friday.');
    } finally {
      for (const index of opened.splice(0)) index.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds passages in the real seed articles', async () => {
    const { articles } = await loadArticles(join(import.meta.dirname, '../../seeds'));
    const index = open();
    index.add(articles);
    const hits = index.search('Witkoff Moscow');
    expect(hits[0]?.text).toContain('Witkoff');
  });
});
