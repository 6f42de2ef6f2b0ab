import { describe, expect, it } from 'vitest';
import { renderPage } from '../../src/discord/render.js';
import { buildDigestPost, MAX_DIGEST_ITEMS } from '../../src/subscriptions/digest-post.js';
import { loggedUpdate, storyAbout } from './digest-fixtures.js';

const SINCE = new Date('2025-08-11T16:30:00Z');
const OPTIONS = { since: SINCE, timeZone: 'Europe/Paris', topic: null };
const minutesAfter = (minutes: number) => new Date(SINCE.getTime() + minutes * 60_000);

describe('the daily digest post', () => {
  it('gathers each update as headline, source, date and one verbatim sentence, cited, newest first', () => {
    const ferry = storyAbout('Ferry');
    const airport = storyAbout('Airport', { source: 'Coast Herald' });
    const updates = [
      loggedUpdate(ferry, { id: 1, announcedAt: minutesAfter(10) }),
      loggedUpdate(airport, { id: 2, announcedAt: minutesAfter(20) }),
    ];

    const post = buildDigestPost(updates, OPTIONS);

    expect(post).toMatchObject({
      tone: 'info',
      title: 'Daily digest — 2 updates',
      intro: 'Since 2025-08-11 18:30 Europe/Paris',
    });
    expect(post!.items).toEqual([
      {
        text: `News on Airport — Coast Herald, 2025-08-12: ${airport.sentences[0]!.text}`,
        cites: [1],
      },
      { text: `News on Ferry — Harbour Gazette, 2025-08-12: ${ferry.sentences[0]!.text}`, cites: [2] },
    ]);
    expect(post!.citations.map((citation) => [citation.n, citation.articleId, citation.source])).toEqual([
      [1, airport.id, 'Coast Herald'],
      [2, ferry.id, 'Harbour Gazette'],
    ]);
    for (const citation of post!.citations) {
      const article = citation.articleId === ferry.id ? ferry : airport;
      expect(citation.excerpt).toBe(article.text.slice(citation.start, citation.end));
    }
  });

  it('says one update in the singular and names the topic', () => {
    const post = buildDigestPost([loggedUpdate(storyAbout('Ferry'), { id: 1, announcedAt: minutesAfter(1) })], {
      ...OPTIONS,
      topic: 'ferry, Ana Ruiz',
    });
    expect(post?.title).toBe('Daily digest — 1 update');
    expect(post?.intro).toBe('Since 2025-08-11 18:30 Europe/Paris · topic: ferry, Ana Ruiz');
  });

  it('shows an article changed in the window once, its newest version with what is new in it', () => {
    const first = storyAbout('Ferry');
    const NEW = 'The first sailing left Pier 4 on time.';
    const second = storyAbout('Ferry', { extra: NEW });
    const changedOnly = storyAbout('Airport');
    const changedAgain = storyAbout('Airport', { extra: 'Runways reopened at noon.' });
    const updates = [
      loggedUpdate(first, { id: 1, announcedAt: minutesAfter(1) }),
      loggedUpdate(changedAgain, { id: 2, announcedAt: minutesAfter(2), kind: 'updated', previous: changedOnly }),
      loggedUpdate(second, { id: 3, announcedAt: minutesAfter(3), kind: 'updated', previous: first }),
    ];

    const post = buildDigestPost(updates, OPTIONS)!;

    expect(post.title).toBe('Daily digest — 2 updates');
    // New to the channel since the last digest, so not "Updated:", but its newest text is cited.
    expect(post.items[0]!.text).toBe(`News on Ferry — Harbour Gazette, 2025-08-12: ${NEW}`);
    expect(post.citations[0]).toMatchObject({ articleId: second.id, excerpt: NEW });
    expect(post.items[1]!.text).toBe(
      'Updated: News on Airport — Harbour Gazette, 2025-08-12: Runways reopened at noon.',
    );
  });

  it('caps the items and says how many more there were, within one Discord message', () => {
    const subjects = Array.from({ length: 25 }, (_, n) => `Subject${n}`);
    const updates = subjects.map((subject, n) =>
      loggedUpdate(storyAbout(subject), { id: n + 1, announcedAt: minutesAfter(n + 1) }),
    );

    const post = buildDigestPost(updates, OPTIONS)!;

    expect(post.title).toBe('Daily digest — 25 updates');
    expect(post.items).toHaveLength(MAX_DIGEST_ITEMS + 1);
    expect(post.items.at(-1)).toEqual({ text: `… and ${25 - MAX_DIGEST_ITEMS} more updates`, cites: [] });
    expect(post.items[0]!.text).toContain('News on Subject24');
    expect(renderPage(post).pageCount).toBe(1);
  });

  it('fits one message even when headlines, sentences and links are very long', () => {
    const long = (n: number) =>
      storyAbout(`Subject${n} ${'with a very long name '.repeat(12)}`, {
        title: `${'A very long headline about the harbour '.repeat(10)}${n}`,
        source: 'The Harbour and Coast Gazette of Record '.repeat(3),
      });
    const updates = Array.from({ length: 12 }, (_, n) => {
      const update = loggedUpdate(long(n), { id: n + 1, announcedAt: minutesAfter(n + 1) });
      const post = JSON.parse(update.payload);
      post.citations[0].url = `https://example.org/${'path/'.repeat(90)}${n}`;
      return { ...update, payload: JSON.stringify(post) };
    });

    const post = buildDigestPost(updates, OPTIONS)!;

    expect(post.items.at(-1)?.text).toMatch(/^… and \d+ more updates$/);
    const rendered = renderPage(post);
    expect(rendered.pageCount).toBe(1);
    const embed = rendered.payload.embeds[0]!;
    expect(embed.description).toContain('more updates');
    expect(embed.description!.length).toBeLessThanOrEqual(4096);
  });

  it('is nothing at all when there is nothing new', () => {
    expect(buildDigestPost([], OPTIONS)).toBeNull();
  });
});
