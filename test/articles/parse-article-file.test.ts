import { describe, expect, it } from 'vitest';
import {
  ArticleFileError,
  MAX_ARTICLE_BYTES,
  parseArticleFile,
  parseArticles,
  toIsoDay,
} from '../../src/articles/parse-article-file.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');

function reasonFor(file: string, content: string | Buffer, options?: { maxBytes?: number }): string {
  try {
    parseArticleFile(file, typeof content === 'string' ? bytes(content) : content, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ArticleFileError);
    expect((error as ArticleFileError).file).toBe(file);
    return (error as ArticleFileError).reason;
  }
  throw new Error(`${file} was parsed without error`);
}

describe('parseArticleFile: the seed format', () => {
  const content =
    '  date 2025-08-10 Talks resume at the harbour.\n\nNegotiators met on Monday.\n\n“We are close,” she said.';

  it('reads the date and keeps the text from the standfirst on, unaltered', () => {
    const article = parseArticleFile('update.txt', bytes(content));
    expect(article.date).toBe('2025-08-10');
    expect(article.text).toBe(content.slice(content.indexOf('Talks')));
  });

  it('makes the standfirst paragraph 0 and its main clause the title', () => {
    const article = parseArticleFile('update.txt', bytes(content));
    const first = article.paragraphs[0]!;
    expect(article.text.slice(first.start, first.end)).toBe('Talks resume at the harbour.');
    expect(article.title).toBe('Talks resume at the harbour');
    expect(article.origin).toBe('update.txt');
  });

  it('reports an impossible date in the header instead of reading it as text', () => {
    expect(reasonFor('bad.txt', 'date 2025-13-45 Standfirst.\n\nBody.')).toBe('invalid date 2025-13-45');
    expect(reasonFor('bad.txt', 'date 2025-02-30 Standfirst.')).toBe('invalid date 2025-02-30');
  });

  it('refuses a date line with no article after it', () => {
    expect(reasonFor('bare.txt', 'date 2025-08-10\n\n')).toBe('no article text after the date line');
  });

  it('reads text that merely starts with the word "date" as plain text', () => {
    const article = parseArticleFile('plain.txt', bytes('date night plans were cancelled by the strike.'));
    expect(article.date).toBeNull();
    expect(article.text).toBe('date night plans were cancelled by the strike.');
  });
});

describe('parseArticleFile: Markdown', () => {
  it('reads title, date, source, url and authors from YAML front matter', () => {
    const file = [
      '---',
      'title: Ferry strike ends',
      'date: 2025-08-12',
      'publisher: Harbour Gazette',
      'link: https://example.org/a',
      'authors:',
      '  - Ana Ruiz',
      '  - Tom Bell',
      '---',
      '',
      'The strike ended on Tuesday.',
      '',
    ].join('\n');
    const article = parseArticleFile('ends.md', bytes(file));
    expect(article).toMatchObject({
      title: 'Ferry strike ends',
      date: '2025-08-12',
      source: 'Harbour Gazette',
      url: 'https://example.org/a',
      author: 'Ana Ruiz, Tom Bell',
      text: 'The strike ended on Tuesday.\n',
    });
  });

  it('keeps the day as written when YAML would move a timestamp to another UTC day', () => {
    const file = '---\ndate: 2025-08-06T23:30:00-05:00\n---\nLate news.\n';
    expect(parseArticleFile('late.md', bytes(file)).date).toBe('2025-08-06');
  });

  it('refuses an impossible front-matter date that YAML would roll over', () => {
    expect(reasonFor('feb.md', '---\ndate: 2025-02-30\n---\nBody.\n')).toBe('invalid date 2025-02-30');
  });

  it('takes a leading # heading as the title and leaves it out of the text', () => {
    const article = parseArticleFile('budget.md', bytes('# Council approves budget\n\nThe vote was 7 to 2.\n'));
    expect(article.title).toBe('Council approves budget');
    expect(article.text).toBe('The vote was 7 to 2.\n');
  });

  it('keeps the heading in the text when the front matter already has a title', () => {
    const article = parseArticleFile('budget.md', bytes('---\ntitle: Budget\n---\n# Vote\n\nPassed.\n'));
    expect(article.title).toBe('Budget');
    expect(article.text).toBe('# Vote\n\nPassed.\n');
  });

  it('never runs JavaScript front matter', () => {
    const file = '---js\n(globalThis.newsdeskEvaluated = true, { title: "x" })\n---\nBody.\n';
    expect(reasonFor('code.md', file)).toMatch(/^invalid front matter: JavaScript front matter is not allowed/);
    expect((globalThis as Record<string, unknown>).newsdeskEvaluated).toBeUndefined();
  });

  it('refuses front matter with nothing after it', () => {
    expect(reasonFor('empty.md', '---\ntitle: Only a title\n---\n\n')).toBe('no article text after the front matter');
  });
});

describe('parseArticleFile: plain text', () => {
  it('takes the title from the first paragraph and leaves the date empty', () => {
    const article = parseArticleFile('buses.txt', bytes('Buses fill the gap\n\nExtra services ran on Monday.\n'));
    expect(article.title).toBe('Buses fill the gap');
    expect(article.date).toBeNull();
    expect(article.paragraphs).toHaveLength(2);
  });

  it('strips a UTF-8 byte-order mark and turns CRLF line ends into LF', () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes('Title line\r\n\r\nBody line.\r\n')]);
    const article = parseArticleFile('windows.txt', withBom);
    expect(article.text).toBe('Title line\n\nBody line.\n');
    expect(article.title).toBe('Title line');
  });

  it('gives identical content the same id whatever the file is called', () => {
    const a = parseArticleFile('a.txt', bytes('Same words.\n'));
    const b = parseArticleFile('b/c.txt', bytes('Same words.\n'));
    expect(a.id).toBe(b.id);
    expect(a.origin).not.toBe(b.origin);
  });
});

describe('parseArticleFile: JSON', () => {
  it('reads an object with text and metadata, accepting publisher and a named source', () => {
    const json = {
      title: 'Talks stall',
      date: '2025-08-08',
      publisher: 'Gazette',
      author: 'Lee Park',
      body: 'Talks stalled.',
    };
    expect(parseArticleFile('one.json', bytes(JSON.stringify(json)))).toMatchObject({
      title: 'Talks stall',
      date: '2025-08-08',
      source: 'Gazette',
      author: 'Lee Park',
      text: 'Talks stalled.',
    });
    const named = parseArticleFile('two.json', bytes(JSON.stringify({ text: 'Queues.', source: { name: 'Radio' } })));
    expect(named.source).toBe('Radio');
  });

  it('reads written-out and timestamped dates as ISO days', () => {
    expect(toIsoDay('x.json', 'August 9, 2025')).toBe('2025-08-09');
    expect(toIsoDay('x.json', '2025-08-03T18:30:00Z')).toBe('2025-08-03');
    expect(toIsoDay('x.json', '2025-8-3')).toBe('2025-08-03');
    expect(toIsoDay('x.json', null)).toBeNull();
    expect(() => toIsoDay('x.json', 'next week sometime')).toThrow('invalid date next week sometime');
  });

  it('reads every article of an array, naming each by its position', () => {
    const items = [{ text: 'First.' }, { text: 'Second.', date: '2025-08-09' }];
    const { articles, skipped } = parseArticles('many.json', bytes(JSON.stringify(items)));
    expect(articles.map((a) => [a.origin, a.text, a.date])).toEqual([
      ['many.json#1', 'First.', null],
      ['many.json#2', 'Second.', '2025-08-09'],
    ]);
    expect(skipped).toEqual([]);
  });

  it('skips a bad item of an array and loads the rest', () => {
    const items = [{ text: 'Good.' }, { title: 'No body' }, { text: 'Bad date.', date: '2025-02-30' }];
    const { articles, skipped } = parseArticles('mixed.json', bytes(JSON.stringify(items)));
    expect(articles.map((a) => a.text)).toEqual(['Good.']);
    expect(skipped).toEqual([
      { file: 'mixed.json#2', reason: 'JSON has no text or body field' },
      { file: 'mixed.json#3', reason: 'invalid date 2025-02-30' },
    ]);
  });

  it('asks for parseArticles when one file holds several articles', () => {
    expect(reasonFor('many.json', JSON.stringify([{ text: 'A.' }, { text: 'B.' }]))).toMatch(/holds 2 articles/);
  });

  it('explains what is wrong with a JSON file it cannot use', () => {
    expect(reasonFor('no-text.json', '{"title": "Headline only"}')).toBe('JSON has no text or body field');
    expect(reasonFor('blank.json', '{"text": "   "}')).toBe('JSON text is empty');
    expect(reasonFor('broken.json', '{"title": ')).toMatch(/^invalid JSON: /);
    expect(reasonFor('number.json', '42')).toBe('JSON is not an object with a text or body field');
    expect(reasonFor('none.json', '[]')).toBe('JSON array holds no articles');
  });
});

describe('parseArticleFile: files that are not articles', () => {
  it('refuses empty and whitespace-only files', () => {
    expect(reasonFor('empty.txt', Buffer.alloc(0))).toBe('empty file');
    expect(reasonFor('blank.txt', ' \n\n\t\n')).toBe('empty file');
  });

  it('refuses binary files, UTF-16 text and text that is not UTF-8', () => {
    expect(reasonFor('image.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))).toBe('binary file');
    expect(reasonFor('wide.txt', Buffer.from('\ufeffHi', 'utf16le'))).toBe('UTF-16 text; save it as UTF-8');
    expect(reasonFor('latin1.txt', Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x2e]))).toBe('not UTF-8 text');
  });

  it('refuses files over the size limit, which can be lowered', () => {
    expect(MAX_ARTICLE_BYTES).toBe(1024 * 1024);
    expect(reasonFor('huge.txt', Buffer.alloc(MAX_ARTICLE_BYTES + 1, 'a'))).toBe('larger than the 1 MiB limit');
    expect(reasonFor('big.txt', Buffer.alloc(2048, 'a'), { maxBytes: 1024 })).toBe('larger than the 1 KiB limit');
  });

  it('refuses unsupported extensions and names the supported ones', () => {
    expect(reasonFor('notes.pdf', '%PDF-1.4')).toMatch(/^unsupported file type \.pdf \(expected \.txt, .*\.json\)$/);
    expect(reasonFor('README', 'Some words.')).toMatch(/^no file extension/);
  });
});

describe('parseArticleFile: metadata built to never end', () => {
  /** Nine lists of nine aliases of the list before: a few hundred bytes naming 9^9 values. */
  function billionLaughs(field: string): string {
    const names = 'abcdefghi';
    const lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let i = 1; i < names.length; i++) {
      lines.push(
        `${names[i]}: &${names[i]} [${Array(9)
          .fill(`*${names[i - 1]}`)
          .join(', ')}]`,
      );
    }
    return `---\n${lines.join('\n')}\n${field}: *i\n---\nBody text.\n`;
  }

  it('refuses a YAML alias cycle in the title', () => {
    expect(reasonFor('cycle.md', '---\ntitle: &a [x, *a]\n---\nBody text.\n')).toBe('title is nested too deeply');
  });

  it('refuses a "billion laughs" of YAML aliases in a title or a date without expanding it', () => {
    expect(reasonFor('laughs.md', billionLaughs('title'))).toMatch(/^title (holds more than|is nested too deeply)/);
    expect(reasonFor('laughs.md', billionLaughs('author'))).toMatch(/^author /);
    expect(reasonFor('laughs.md', billionLaughs('date'))).toBe('invalid date (not text)');
  });

  it('refuses JSON metadata nested 100,000 deep', () => {
    const deep = `{"text": "Body text.", "title": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect(reasonFor('deep.json', deep)).toBe('title is nested too deeply');
    const deepDate = `{"text": "Body text.", "date": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect(reasonFor('deep.json', deepDate)).toBe('invalid date (not text)');
  });

  it('still reads ordinary lists of authors and named sources', () => {
    const article = parseArticleFile(
      'ok.json',
      bytes(JSON.stringify({ text: 'Body.', authors: [{ name: 'A. Writer' }, 'B. Writer'], source: { name: 'Bay' } })),
    );
    expect(article.author).toBe('A. Writer, B. Writer');
    expect(article.source).toBe('Bay');
  });
});
