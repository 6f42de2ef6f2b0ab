import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { commands } from '../../commands/index.js';
import { buildArticle } from '../../src/articles/article.js';
import { runInteractive } from '../../src/console/console.js';
import { createDraftView } from '../../src/console/draft-view.js';
import { createIndexedCorpus } from '../../src/corpus/indexed-corpus.js';
import { WRITING_MARKER } from '../../src/llm/model-text.js';
import { createLogger } from '../../src/logger.js';
import type { Services } from '../../src/services.js';
import { displaySafe } from '../../src/text/display-safe.js';
import { FakeOpenAi, passageNumber } from '../llm/fake-openai.js';
import { servicesWithModel } from '../llm/model-desk.js';
import { VirtualTerminal } from './virtual-terminal.js';

// Text from articles, feeds, the model and the keyboard is data: nothing in it may drive the
// operator's terminal (reset it, clear it, retitle the window, reorder what is shown).

const RESET = '\x1bc';
const CLEAR = '\x1b[2J\x1b[H';
const TITLE = '\x1b]0;pwned\x07';
const LINK = '\x1b]8;;http://evil.example\x1b\\';
const BIDI = '\u202E';
const ZERO_WIDTH = '\u200B';

/** Escape sequences, other controls (C0 but newline and tab, C1, DEL), bidi and zero-width characters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters looked for
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/;

/** The cursor moves and erasures the console writes itself (readline's and the draft view's), and readline's CR LF. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the sequences looked for
const OWN_CURSOR_MOVES = /\x1b\[\d*[ABCDGJK]/g;

const hostile = buildArticle(
  [
    `Ministers agreed on Tuesday to reopen the Harlow${RESET} dam after a three-week closure.${CLEAR}`,
    `Engineer Priya Nair said the repairs cost 4 million${TITLE} euros${BIDI} in total.`,
    `The reopening is planned for 12${ZERO_WIDTH} June.${LINK}`,
  ].join('\n\n'),
  { title: `Harlow dam${TITLE} to reopen${BIDI}`, date: '2025-05-01', source: `Valley${RESET} Post` },
  'hostile-story',
);

function servicesOver(): Services {
  const desk = createIndexedCorpus([hostile]);
  return {
    ...desk,
    load: { loaded: 1, skipped: [], ms: 1, dir: 'test' },
    startedAt: new Date('2025-08-10T12:00:00Z'),
  };
}

function collector() {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += chunk;
      done();
    },
  });
  return { stream, text: () => text };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsdesk-terminal-safety-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('displaySafe', () => {
  it('removes escape sequences whole, shows other controls as �, drops invisible characters', () => {
    expect(displaySafe(`a${RESET}b${CLEAR}c${TITLE}d${LINK}e`)).toBe('abcde');
    expect(displaySafe('a\x9b31mb')).toBe('ab');
    expect(displaySafe('one\rtwo\x07three\x08')).toBe('one�two�three�');
    expect(displaySafe(`abc${BIDI}def${ZERO_WIDTH}g\u2066h\u2069`)).toBe('abcdefgh');
    expect(displaySafe('tabs\tand\nnewlines stay; “quotes” and é too')).toBe(
      'tabs\tand\nnewlines stay; “quotes” and é too',
    );
  });
});

describe('the console and text that tries to drive the terminal', () => {
  it('writes no escape sequence, control, bidi or zero-width character from articles or typed input', async () => {
    const out = collector();
    const errors = collector();
    const historyFile = join(dir, 'history');
    const input = new PassThrough();
    input.end(
      [
        '/sources',
        `/search Harlow${CLEAR}`,
        `when will the dam reopen?${TITLE}${BIDI}`,
        `/bogus${RESET}`,
        `/quote${ZERO_WIDTH} Nair`,
        '/timeline',
        '',
      ].join('\n'),
    );
    await runInteractive(
      { commands, services: servicesOver(), logger: createLogger({ level: 'silent' }) },
      { input, output: out.stream, errors: errors.stream, colour: false, historyFile },
    );
    expect(out.text()).toContain('Harlow dam');
    expect(out.text()).toContain('12 June');
    expect(out.text()).not.toMatch(UNSAFE);
    expect(errors.text()).not.toMatch(UNSAFE);
    const history = await readFile(historyFile, 'utf8');
    expect(history).toContain('/search Harlow');
    expect(history).not.toMatch(UNSAFE);
    // The article itself is kept byte for byte: quotes and citations are exact spans of it.
    expect(hostile.text).toContain(CLEAR);
  });
});

describe('the console and a model that writes escape sequences', () => {
  let openai: FakeOpenAi;
  beforeAll(async () => {
    openai = await FakeOpenAi.start();
  });
  afterAll(async () => {
    await openai.close();
  });
  afterEach(() => {
    expect(openai.unexpected).toEqual([]);
  });

  it('shows drafts and the answer with none of them, on a terminal', async () => {
    openai.reply((request) => {
      const n = passageNumber(request, '12');
      const chunks = [`${TITLE}The reopening${CLEAR} is`, ` planned for 12 June${BIDI} [${n}].${RESET}`, ' '];
      return { content: chunks.join(''), chunks, chunkDelayMs: 600 };
    });
    const terminal = new VirtualTerminal(60);
    const input = Object.assign(new PassThrough(), { isTTY: true });
    const session = runInteractive(
      {
        commands,
        services: servicesWithModel([hostile], openai),
        logger: createLogger({ level: 'silent' }),
      },
      { input, output: terminal, errors: collector().stream, colour: false, historyFile: join(dir, 'h2') },
    );
    input.write('When will the Harlow dam reopen?\r');
    // Whether the checker keeps the sentence is the answerer's business; what reaches the screen is ours.
    await vi.waitFor(() => expect(terminal.raw).toMatch(/Sources[\s\S]*newsdesk> /), { timeout: 8000 });
    input.end();
    await session;
    expect(terminal.raw).toContain(WRITING_MARKER);
    // Only the console's own cursor moves and erasures, never one from the model's text.
    const own = terminal.raw.replace(OWN_CURSOR_MOVES, '').replaceAll('\r\n', '\n');
    expect(own).not.toMatch(UNSAFE);
  });
});

describe('the draft view on a terminal that reports no width', () => {
  it('erases its drafts when the terminal says it has 0 columns, or says nothing', () => {
    for (const width of [0, undefined, Number.NaN]) {
      const terminal = new VirtualTerminal(80);
      terminal.write('newsdesk> question\n');
      const view = createDraftView(terminal, { width, colour: false });
      view.show('A first draft of the answer.');
      view.show(`A longer second draft of the answer, ${'which goes on '.repeat(12)}and on.`);
      view.clear();
      expect(terminal.screen).toBe('newsdesk> question');
    }
  });
});
