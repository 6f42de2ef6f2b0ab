import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildArticle } from '../../src/articles/article.js';
import { loadArticles } from '../../src/articles/load-articles.js';
import { checkClaims, findClaims, MAX_CLAIMS } from '../../src/claims/check-claims.js';
import { claimCheckReply } from '../../src/claims/claim-check-reply.js';
import { createIndexedCorpus, type IndexedCorpus } from '../../src/corpus/indexed-corpus.js';

const summit = buildArticle(
  [
    'Trump met Putin on Aug. 15 at a summit in Alaska.',
    'The two leaders did not reach a ceasefire deal.',
    'Around 300 reporters covered the summit from a press centre in Anchorage.',
  ].join('\n\n'),
  { title: 'Leaders meet at Alaska summit', date: '2025-08-16', source: 'Wire' },
  'summit',
);
const derby = buildArticle(
  'City beat United in the derby on Sunday.\n\nA crowd of 52,000 watched the game at the Etihad.',
  { title: 'City win the derby', date: '2025-03-02', source: 'Sports Desk' },
  'derby',
);

function only(desk: IndexedCorpus, text: string) {
  const { claims } = checkClaims(text, desk);
  expect(claims).toHaveLength(1);
  return claims[0]!;
}

describe('checkClaims on purpose-written articles', () => {
  let desk: IndexedCorpus;
  beforeAll(() => {
    desk = createIndexedCorpus([summit, derby]);
  });

  it('supports a claim whose names, numbers, dates and words a passage holds', () => {
    const claim = only(desk, 'Trump met Putin on Aug. 15.');
    expect(claim.verdict).toBe('supported');
    expect(claim.passages[0]?.hit.text).toBe('Trump met Putin on Aug. 15 at a summit in Alaska.');
  });

  it('contradicts a claim that puts another place in the same slot', () => {
    const claim = only(desk, 'The summit was in Moscow.');
    expect(claim.verdict).toBe('contradicted');
    expect(claim.passages[0]?.conflicts).toEqual([{ kind: 'name', claim: 'Moscow', passage: 'Alaska' }]);
  });

  it('contradicts a claim that gives another day for the same meeting', () => {
    const claim = only(desk, 'Trump met Putin on Aug. 20.');
    expect(claim.verdict).toBe('contradicted');
    expect(claim.passages[0]?.conflicts).toEqual([{ kind: 'date', claim: 'Aug. 20', passage: 'Aug. 15' }]);
  });

  it('contradicts a claim that gives another number for the same thing', () => {
    const claim = only(desk, 'A crowd of 40,000 watched the game.');
    expect(claim.verdict).toBe('contradicted');
    expect(claim.passages[0]?.conflicts).toEqual([{ kind: 'number', claim: '40,000', passage: '52,000' }]);
  });

  it('contradicts a claim the articles deny', () => {
    const claim = only(desk, 'The leaders reached a ceasefire deal.');
    expect(claim.verdict).toBe('contradicted');
    expect(claim.passages[0]?.conflicts[0]?.kind).toBe('negation');
  });

  it('says not covered when no article is about the claim', () => {
    const claim = only(desk, 'The capital of Australia is Canberra.');
    expect(claim.verdict).toBe('not_covered');
    expect(claim.passages).toEqual([]);
  });

  it('does not call a different number about something else a contradiction', () => {
    expect(only(desk, 'Trump met Putin with 12 advisers.').verdict).toBe('not_covered');
  });

  it('cites verbatim spans of the articles', () => {
    const { claims } = checkClaims('The summit was in Alaska. The summit was in Moscow.', desk);
    for (const claim of claims) {
      for (const { hit } of claim.passages)
        expect(desk.corpus.get(hit.articleId)?.text.slice(hit.start, hit.end)).toBe(hit.text);
    }
  });

  it('states the basis of the corpus', () => {
    expect(checkClaims('The summit was in Alaska.', desk).basis).toEqual({ asOf: '2025-08-16', articles: 2 });
  });
});

describe('findClaims', () => {
  it('skips questions, greetings and lines too short to state a fact', () => {
    const claims = findClaims('Hi everyone! Is the summit in Alaska? Wow. The summit was in Alaska. Yes.');
    expect(claims.map((claim) => claim.text)).toEqual(['The summit was in Alaska.']);
  });

  it('gives each claim its offsets in the message', () => {
    const text = 'Hello there. The summit was in Alaska.';
    const [claim] = findClaims(text);
    expect(text.slice(claim!.start, claim!.end)).toBe('The summit was in Alaska.');
  });

  it('counts the claims beyond the limit instead of checking them', () => {
    const desk = createIndexedCorpus([summit]);
    const text = Array.from({ length: MAX_CLAIMS + 2 }, (_, i) => `Reporter ${i + 1} covered the summit.`).join(' ');
    const check = checkClaims(text, desk);
    expect(check.claims).toHaveLength(MAX_CLAIMS);
    expect(check.unchecked).toBe(2);
  });
});

describe('checkClaims on the seed article', () => {
  let desk: IndexedCorpus;
  beforeAll(async () => {
    desk = createIndexedCorpus((await loadArticles(join(import.meta.dirname, '../../seeds'))).articles);
  });

  it('supports what the article reports', () => {
    const { claims } = checkClaims(
      'Witkoff visited Moscow. Rubio said questions of territory would be a key part of any deal.',
      desk,
    );
    expect(claims.map((claim) => claim.verdict)).toEqual(['supported', 'supported']);
    expect(claims[0]?.passages[0]?.hit.text).toContain('Witkoff visited Moscow');
  });

  it('contradicts a claim the article denies, over a looser match that does not', () => {
    const claim = only(desk, 'Leavitt said when the meeting would take place.');
    expect(claim.verdict).toBe('contradicted');
    expect(claim.passages[0]?.hit.text).toMatch(/^Leavitt did not say when or where/);
  });

  it('says not covered for what the article never mentions', () => {
    expect(only(desk, 'Zelenskyy visited Beijing to meet Xi Jinping.').verdict).toBe('not_covered');
  });

  it('does not contradict a claim about other people with a passage that shares only its verb', () => {
    expect(only(desk, 'Xi visited Paris.').verdict).toBe('not_covered');
  });
});

describe('claimCheckReply', () => {
  it('marks each claim with its verdict and cites the passages', () => {
    const desk = createIndexedCorpus([summit, derby]);
    const reply = claimCheckReply(
      checkClaims('The summit was in Alaska. The summit was in Moscow.', desk),
      desk.corpus,
    );
    expect(reply.items.map((item) => item.text.split(':')[0])).toEqual(['Supported', 'Contradicted']);
    expect(reply.items[1]?.text).toContain('The articles say “Alaska”, not “Moscow”');
    expect(reply.citations.map((citation) => citation.n)).toEqual([1]);
    expect(reply.items.every((item) => item.cites.includes(1))).toBe(true);
    expect(reply.footer).toBe('As of 2025-08-16 · 2 articles');
    expect(reply.ephemeral).toBe(true);
  });

  it('is a polite note when there is nothing to check', () => {
    const desk = createIndexedCorpus([summit]);
    const reply = claimCheckReply(checkClaims('Hello! Anyone around?', desk), desk.corpus);
    expect(reply.tone).toBe('info');
    expect(reply.items).toEqual([]);
    expect(reply.ephemeral).toBe(true);
  });
});
