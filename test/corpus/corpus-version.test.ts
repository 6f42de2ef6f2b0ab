import { describe, expect, it } from 'vitest';
import { analyseArticle } from '../../src/articles/analysis.js';
import { buildArticle } from '../../src/articles/article.js';
import { Corpus } from '../../src/corpus/corpus.js';

const ferry = buildArticle('The ferry resumed its crossings on Monday.', { title: 'Ferry back' }, 'ferry.md');
const bridge = buildArticle('The bridge closed for repairs.', { title: 'Bridge shut' }, 'bridge.md');
const tunnel = buildArticle('The tunnel opened a week early.', { title: 'Tunnel open' }, 'tunnel.md');

describe('the corpus version', () => {
  it('names the set of articles, whatever order they came in and however it got there', () => {
    const one = new Corpus(analyseArticle);
    one.add([ferry, bridge]);
    const two = new Corpus(analyseArticle);
    two.add([bridge]);
    expect(two.version).not.toBe(one.version);
    two.add([tunnel, ferry]);
    const withTunnel = two.version;
    two.remove([tunnel.id]);
    expect(two.version).toBe(one.version);
    one.add([tunnel]);
    expect(one.version).toBe(withTunnel);
    expect(new Corpus(analyseArticle).version).not.toBe(one.version);
  });
});
