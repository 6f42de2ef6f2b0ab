import type { APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import {
  MAX_CONTENT,
  MAX_EMBED_DESCRIPTION,
  MAX_EMBED_FIELDS,
  MAX_EMBED_FOOTER,
  MAX_EMBED_TITLE,
  MAX_EMBEDS,
  MAX_EMBEDS_TOTAL,
  MAX_FIELD_VALUE,
} from '../../src/discord/limits.js';
import { decodePageState } from '../../src/discord/page-state.js';
import { citationLine, escapeText, MAX_ITEMS_PER_PAGE, renderPage } from '../../src/discord/render.js';
import type { Citation, Reply } from '../../src/reply.js';

const USER = '123456789012345678';

function citation(n: number, overrides: Partial<Citation> = {}): Citation {
  return {
    n,
    articleId: `a${n}`,
    title: `Article number ${n}`,
    date: '2025-08-06',
    source: 'Al Jazeera',
    url: `https://example.com/${n}`,
    ...overrides,
  };
}

function reply(items: number, itemLength = 40, citations = items): Reply {
  return {
    tone: 'answer',
    title: 'A reply',
    intro: 'What the articles say.',
    items: Array.from({ length: items }, (_, i) => ({
      text: `${i} ${'x'.repeat(itemLength)}`,
      cites: [(i % citations) + 1],
    })),
    citations: Array.from({ length: citations }, (_, i) => citation(i + 1)),
    footer: 'As of 2025-08-06 · 1 article',
  };
}

function expectWithinLimits(embeds: APIEmbed[]) {
  expect(embeds.length).toBeLessThanOrEqual(MAX_EMBEDS);
  let total = 0;
  for (const embed of embeds) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(MAX_EMBED_TITLE);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(MAX_EMBED_DESCRIPTION);
    expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(MAX_EMBED_FOOTER);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(MAX_EMBED_FIELDS);
    for (const field of embed.fields ?? []) {
      expect(field.value.length).toBeGreaterThan(0);
      expect(field.value.length).toBeLessThanOrEqual(MAX_FIELD_VALUE);
    }
    total +=
      (embed.title?.length ?? 0) +
      (embed.description?.length ?? 0) +
      (embed.footer?.text.length ?? 0) +
      (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);
  }
  expect(total).toBeLessThanOrEqual(MAX_EMBEDS_TOTAL);
}

describe('rendering a reply for Discord', () => {
  it('shows the items with their [n] markers and the sources numbered like the console, linked', () => {
    const { payload } = renderPage(reply(2));
    const embed = payload.embeds[0]!;
    expect(embed.description).toContain('• 0 xxx');
    expect(embed.description).toContain('[1]');
    expect(embed.fields?.[0]).toEqual({
      name: 'Sources',
      value:
        '**[1]** [Article number 1](https://example.com/1) — Al Jazeera, 2025-08-06\n**[2]** [Article number 2](https://example.com/2) — Al Jazeera, 2025-08-06',
    });
  });

  it('writes a source without a web address as plain text, undated when it has no date', () => {
    expect(citationLine(citation(3, { url: null, date: null, source: null }))).toBe(
      '**[3]** Article number 3 — undated',
    );
  });

  it('never lets text ping anyone: every payload carries empty allowed mentions', () => {
    for (const r of [reply(0), reply(3), reply(40), { ...reply(1), tone: 'error' as const }]) {
      for (let page = 0; page < 3; page++) {
        expect(renderPage(r, page, { command: 'who', userId: USER, options: {} }).payload.allowedMentions).toEqual({
          parse: [],
          repliedUser: false,
        });
      }
    }
  });

  it('escapes Markdown in article text so it shows as written', () => {
    const r: Reply = {
      ...reply(0),
      title: '**bold** claim',
      intro: '# not a heading\n- not a list\n_under_ `code` ||spoiler||',
    };
    const embed = renderPage(r).payload.embeds[0]!;
    expect(embed.title).toBe('\\*\\*bold\\*\\* claim');
    expect(embed.description).toContain('\\# not a heading');
    expect(embed.description).toContain('\\- not a list');
    expect(embed.description).toContain('\\_under\\_ \\`code\\` \\|\\|spoiler\\|\\|');
    expect(escapeText('[click](https://evil.example)')).not.toMatch(/^\[click\]\(/);
  });

  it("shows Discord's own markup in article text as written: no timestamp, emoji, command link or pill", () => {
    const text = 'at <t:0:R> with <:wave:123456> or <a:spin:42>, run </ask:99>, see <#555> and <@&777> <id:home>';
    const escaped = escapeText(text);
    for (const markup of ['<t:0:R>', '<:wave:123456>', '<a:spin:42>', '</ask:99>', '<#555>', '<@&777>', '<id:home>']) {
      expect(escaped).toContain(`\\${markup}`);
    }
    expect(escapeText('a < b and c <d>')).toBe('a < b and c <d>');
  });

  it('shows no control, bidirectional or zero-width character from outside text, in any part of a post', () => {
    const hostile = 'safe\u001b]0;title\u0007 \u001b[2Jtext \u202Eevil\u202C zero\u200Bwidth \u0000nul';
    const r: Reply = {
      ...reply(1),
      title: `Asked: ${hostile}`,
      intro: hostile,
      items: [{ text: hostile, cites: [1] }],
      citations: [citation(1, { title: hostile, source: hostile }), citation(2, { title: hostile, url: null })],
    };
    const shown = JSON.stringify(renderPage(r).payload.embeds);
    for (const unsafe of ['\\u001b', '\\u0007', '\\u0000', '\u202E', '\u200B']) expect(shown).not.toContain(unsafe);
    expect(shown).toContain('text');
    expect(shown).toContain('evil');
  });

  it('keeps a source link whole when its address or title holds brackets or parentheses', () => {
    const line = citationLine(
      citation(1, {
        title: '[Official](https://evil.example) statement',
        url: 'https://example.com/a)[x](https://evil.example',
      }),
    );
    // One masked link: the article's title, pointing at the article's own address.
    expect(line.match(/(?<!\\)\]\(/g)).toHaveLength(1);
    expect(line).not.toMatch(/(?<!\\)\]\(https:\/\/evil/);
    expect(line).toContain('(https://example.com/a%29%5Bx%5D%28https://evil.example)');
    // A title's bracket is escaped once: `\\[` would be a backslash followed by a live bracket.
    expect(line).toContain('[\\[Official\\]');
    expect(line).not.toContain('\\\\[');
  });

  it('keeps every page within Discord limits however long the input', () => {
    const huge: Reply = {
      tone: 'answer',
      title: 'T'.repeat(1000),
      intro: 'I'.repeat(10_000),
      items: Array.from({ length: 60 }, (_, i) => ({
        text: `${i} ${'word '.repeat(2000)}`,
        cites: Array.from({ length: 60 }, (_, n) => n + 1),
      })),
      citations: Array.from({ length: 60 }, (_, i) => citation(i + 1, { title: 'Long title '.repeat(50) })),
      footer: 'F'.repeat(5000),
    };
    const first = renderPage(huge, 0, { command: 'search', userId: USER, options: { query: 'x' } });
    expect(first.pageCount).toBeGreaterThan(1);
    for (const page of [0, 1, Math.floor(first.pageCount / 2), first.pageCount - 1]) {
      const { payload } = renderPage(huge, page, { command: 'search', userId: USER, options: { query: 'x' } });
      expectWithinLimits(payload.embeds);
      expect(JSON.stringify(payload).includes('"content"')).toBe(false);
    }
    expect(MAX_CONTENT).toBe(2000);
  });

  it('splits long lists into pages of at most ten items, numbered in the footer', () => {
    const first = renderPage(reply(25), 0, { command: 'who', userId: USER, options: {} });
    expect(first.pageCount).toBe(3);
    expect(first.payload.embeds[0]!.description!.split('\n').filter((line) => line.startsWith('•'))).toHaveLength(
      MAX_ITEMS_PER_PAGE,
    );
    expect(first.payload.embeds[0]!.footer?.text).toBe('As of 2025-08-06 · 1 article · Page 1 of 3');
    const last = renderPage(reply(25), 99, { command: 'who', userId: USER, options: {} });
    expect(last.page).toBe(2);
    expect(last.payload.embeds[0]!.description).toContain('• 24 ');
  });

  it('shows on each page only the sources its items cite', () => {
    const second = renderPage(reply(20, 10, 20), 1);
    const sources = second.payload.embeds[0]!.fields![0]!.value;
    expect(sources).toContain('**[11]**');
    expect(sources).not.toContain('**[1]** ');
  });

  it('adds Previous and Next buttons whose custom_ids lead to the neighbouring pages for the asker', () => {
    const controls = { command: 'quote', userId: USER, options: { speaker: 'Leavitt' } };
    const { payload } = renderPage(reply(25), 1, controls);
    const [previous, next] = payload.components[0]!.components as {
      custom_id: string;
      label: string;
      disabled: boolean;
    }[];
    expect(previous!.label).toBe('Previous');
    expect(next!.label).toBe('Next');
    for (const button of [previous!, next!]) expect(button.custom_id.length).toBeLessThanOrEqual(100);
    expect(decodePageState(previous!.custom_id)).toEqual({ ...controls, page: 0 });
    expect(decodePageState(next!.custom_id)).toEqual({ ...controls, page: 2 });
  });

  it('disables Previous on the first page and Next on the last', () => {
    const controls = { command: 'who', userId: USER, options: {} };
    const first = renderPage(reply(15), 0, controls).payload.components[0]!.components as { disabled: boolean }[];
    const last = renderPage(reply(15), 1, controls).payload.components[0]!.components as { disabled: boolean }[];
    expect(first.map((button) => button.disabled)).toEqual([true, false]);
    expect(last.map((button) => button.disabled)).toEqual([false, true]);
  });

  it('shows no buttons when everything fits on one page', () => {
    expect(renderPage(reply(3), 0, { command: 'who', userId: USER, options: {} }).payload.components).toEqual([]);
  });

  it('colours by tone and shows errors only to the person who asked', () => {
    const answer = renderPage(reply(1));
    const error = renderPage({ ...reply(0), tone: 'error' });
    expect(answer.ephemeral).toBe(false);
    expect(error.ephemeral).toBe(true);
    expect(answer.payload.embeds[0]!.color).not.toBe(error.payload.embeds[0]!.color);
  });
});
