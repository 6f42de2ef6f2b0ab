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

  it('puts a tie longer than the limit in article order, whatever order the articles came in', () => {
    // Wire copies: one story carried word for word by many outlets ranks alike in every copy.
    // Each copy's own line makes it another article; the sentence found is the same in all of them.
    const copies = Array.from({ length: 60 }, (_, i) =>
      buildArticle(
        `The ferry to the island sails again on Monday.\n\nFiled by desk ${i}.`,
        { title: 'Ferry back', date: '2025-08-12' },
        `copy-${i}`,
      ),
    );
    const index = open();
    index.add([...copies].reverse());
    index.add([weather]);
    const hits = index.search('ferry island', { limit: 5 });
    const firstIds = copies
      .map((copy) => copy.id)
      .sort()
      .slice(0, 5);
    expect(hits.map((hit) => [hit.articleId, hit.sentence])).toEqual(firstIds.map((id) => [id, 0]));
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

  it('ranks only the passages indexed last when even the rarest word is in more than are ranked at once', () => {
    // Each article 20 passages; days 0-999 at the harbour, days 1000-1999 on the road.
    const days = (from: number, count: number, said: (day: number) => string) =>
      Array.from({ length: count }, (_, i) =>
        buildArticle(
          Array.from({ length: 20 }, (_, j) => `${said(from + i)} (${from + i}.${j})`).join('\n\n'),
          { title: `Day ${from + i}` },
          `day-${from + i}`,
        ),
      );
    const early = buildArticle('Ferry, ferry, ferry at the harbour.', { title: 'Ferry' }, 'early');
    const harbour = days(0, 1000, () => 'The ferry waited at the harbour.');
    const road = days(1000, 1000, () => 'The ferry was carried by road.');
    const index = open();
    index.add([early, ...harbour, ...road]);
    // The early passage would rank first, but "ferry" is in four times more passages than are ranked.
    const hits = index.search('ferry', { limit: 3 });
    expect(hits).toHaveLength(3);
    // The newest 10,000 passages are the last 500 articles', and they all rank alike: equal ranks
    // come in article and sentence order, whatever order they were indexed in.
    const first = road.slice(-500).sort((a, b) => (a.id < b.id ? -1 : 1))[0]!;
    const ferrySentences = first.sentences.filter((sentence) => sentence.text.includes('ferry'));
    expect(hits.map((hit) => [hit.articleId, hit.sentence])).toEqual(
      ferrySentences.slice(0, 3).map((sentence) => [first.id, sentence.index]),
    );
    // The newest passages do not hold "harbour": the newest of those that do are ranked.
    expect(index.search('harbour', { limit: 2 })).toHaveLength(2);
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

  it('ranks exactly as a fresh start over the same articles after articles are withdrawn and replaced', () => {
    // Sentences drawn from a small vocabulary, some repeated word for word across outlets (wire
    // copies score alike, so the order among equal ranks is tested too), some long and some short
    // (so the removed articles move the average length that BM25 normalises by).
    const words = ['talks', 'ceasefire', 'summit', 'envoy', 'Alaska', 'sanctions', 'troops', 'border', 'vote', 'aid'];
    const wire = 'The envoy said the ceasefire talks would resume at the border.';
    const story = (n: number) => {
      const sentences = Array.from({ length: 3 + (n % 4) }, (_, i) => {
        const picked = Array.from(
          { length: 2 + ((n * 7 + i * 3) % 9) },
          (_, j) => words[(n * 3 + i * 5 + j * j) % words.length],
        );
        return `Reporters wrote ${picked.join(' and ')} on day ${n}.`;
      });
      if (n % 3 === 0) sentences.push(wire);
      return buildArticle(sentences.join('\n\n'), { title: n % 2 ? 'Talks latest' : `Update ${n}` }, `story-${n}`);
    };
    const first = Array.from({ length: 12 }, (_, n) => story(n));
    const later = Array.from({ length: 5 }, (_, n) => story(100 + n));
    const withdrawn = new Set([first[0]!.id, first[3]!.id, first[7]!.id, first[8]!.id]);

    const running = open();
    running.add(first);
    running.remove([...withdrawn].slice(0, 2));
    running.add(later.slice(0, 3));
    running.remove([...withdrawn].slice(2));
    running.add(later.slice(3));
    const remaining = [...first.filter((article) => !withdrawn.has(article.id)), ...later];
    const fresh = open();
    fresh.add([...remaining].reverse());

    expect(running.size).toBe(fresh.size);
    const queries = [...words, wire, 'envoy talks', 'sanctions troops border vote', 'Alaska aid summit'];
    for (const query of queries) {
      for (const options of [{ limit: 3 }, { limit: 50 }, { limit: 5, articleIds: remaining.map((a) => a.id) }]) {
        expect(running.search(query, options)).toEqual(fresh.search(query, options));
      }
    }
  });

  it('rebuilds from the articles added when one indexed in an earlier run is removed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsdesk-index-'));
    try {
      const file = join(dir, 'index.db');
      const earlier = PassageIndex.open(file);
      earlier.add([summit, weather]);
      earlier.close();
      const again = open(file);
      again.add([weather]);
      again.remove([summit.id]);
      const fresh = open();
      fresh.add([weather]);
      expect(again.size).toBe(weather.sentences.length);
      expect(again.search('Friday storm coast')).toEqual(fresh.search('Friday storm coast'));
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
