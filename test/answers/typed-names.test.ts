import { describe, expect, it } from 'vitest';
import { readQuestion, scoreSentences } from '../../src/answers/score-sentences.js';
import { buildArticle } from '../../src/articles/article.js';
import { createIndexedCorpus } from '../../src/corpus/indexed-corpus.js';

const QUESTION = 'Which gallery will lend the Viking sword?';

/** How the one sentence of an invented article holds the type the question asks for (`signals.typed`). */
function typedOf(sentence: string): number | undefined {
  const article = buildArticle(sentence, { title: 'Sword loan', date: '2025-06-02' }, 'sword');
  const { index } = createIndexedCorpus([article]);
  const [scored] = scoreSentences(readQuestion(QUESTION), index.search(QUESTION, { limit: 10 }), (id) =>
    index.wordsOf(id),
  );
  return scored?.signals.typed;
}

describe('a sentence naming the type a "which <type>" question asks for', () => {
  it('reads "<Name>, a … <type>," as naming one', () => {
    expect(
      typedOf(
        'Its director said on Monday that Kvale, a small regional seaside history gallery, will lend the Viking sword.',
      ),
    ).toBe(1);
  });

  it('does not read a place the sentence opens with as one ("In Bergen, the gallery will …")', () => {
    expect(typedOf('In Bergen, the gallery will lend a Viking sword to the winter exhibition, curators said.')).toBe(0);
  });
});
