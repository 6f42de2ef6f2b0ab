import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { articleId } from '../../src/articles/article.js';
import { loadArticles, MAX_CONCURRENT_READS } from '../../src/articles/load-articles.js';
import { UserFacingError } from '../../src/errors.js';

const SEEDS = fileURLToPath(new URL('../../seeds', import.meta.url));
const FORMATS = fileURLToPath(new URL('../fixtures/seeds-formats', import.meta.url));
const BAD = fileURLToPath(new URL('../fixtures/seeds-bad', import.meta.url));

describe('loadArticles over the real seeds folder', () => {
  it('loads the one seed article with its date and the standfirst as title', async () => {
    const { articles, skipped } = await loadArticles(SEEDS);
    expect(skipped).toEqual([]);
    expect(articles).toHaveLength(1);
    const [article] = articles;
    expect(article!.date).toBe('2025-08-06');
    expect(article!.origin).toBe('000_fd3e603a94f0e4d4.txt');
    expect(article!.title).toMatch(/^Administration says Russia expressed/);
    // The seed has no headline: its standfirst's main clause is one, at most 14 words.
    expect(article!.title).toBe('Administration says Russia expressed ‘desire to meet with President Trump’');
  });

  it('gives the seed article the same id on every load', async () => {
    const first = (await loadArticles(SEEDS)).articles[0]!;
    const second = (await loadArticles(SEEDS)).articles[0]!;
    expect(first.id).toBe(second.id);
    expect(first.id).toBe(articleId(first.text));
    expect(first.id).toBe('3f4dc159deb16a74');
  });

  it('points every sentence offset at its exact text', async () => {
    const [article] = (await loadArticles(SEEDS)).articles;
    expect(article!.sentences.length).toBeGreaterThan(article!.paragraphs.length);
    for (const sentence of article!.sentences) {
      expect(sentence.text).toBe(article!.text.slice(sentence.start, sentence.end));
      expect(sentence.text).toBe(sentence.text.trim());
    }
  });
});

describe('loadArticles over several formats', () => {
  it('loads every supported file in path order, with forward-slash origins and hidden files ignored', async () => {
    const { articles, skipped } = await loadArticles(FORMATS);
    expect(skipped).toEqual([]);
    expect(articles.map((a) => a.origin)).toEqual([
      '2025-08-10-ferry-strike.txt',
      'buses.txt',
      'ferry-strike-ends.md',
      'harbour-budget.md',
      'nested/union-calls-strike.json',
      'strike-updates.json#1',
      'strike-updates.json#2',
    ]);
  });

  it('reads each format’s title, date and source', async () => {
    const { articles } = await loadArticles(FORMATS);
    const byOrigin = new Map(articles.map((a) => [a.origin, a]));
    expect(byOrigin.get('2025-08-10-ferry-strike.txt')).toMatchObject({
      date: '2025-08-10',
      title: 'Harbour talks resume as ferry strike enters its second week',
    });
    expect(byOrigin.get('ferry-strike-ends.md')).toMatchObject({
      date: '2025-08-12',
      title: 'Ferry strike ends after nine days',
      source: 'Harbour Gazette',
      author: 'Ana Ruiz',
    });
    expect(byOrigin.get('harbour-budget.md')).toMatchObject({
      title: 'Council approves new harbour budget',
      date: null,
    });
    expect(byOrigin.get('buses.txt')).toMatchObject({
      title: 'Commuters turn to buses during ferry strike',
      date: null,
    });
    expect(byOrigin.get('nested/union-calls-strike.json')).toMatchObject({ date: '2025-08-03' });
    expect(byOrigin.get('strike-updates.json#2')).toMatchObject({ date: '2025-08-09', source: 'Coast Radio' });
    for (const article of articles) {
      expect(article.text).not.toContain('\r');
      for (const s of article.sentences) expect(s.text).toBe(article.text.slice(s.start, s.end));
    }
  });

  it('reports progress after each file, ending at the total', async () => {
    const calls: Array<[number, number]> = [];
    await loadArticles(FORMATS, { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls).toEqual([1, 2, 3, 4, 5, 6].map((done) => [done, 6]));
  });
});

describe('loadArticles with bad files', () => {
  it('skips each bad file with a reason and loads the rest', async () => {
    const { articles, skipped } = await loadArticles(BAD);
    expect(articles.map((a) => a.origin)).toEqual(['good.txt']);
    expect(skipped).toEqual([
      { file: 'bad-date.txt', reason: 'invalid date 2025-13-45' },
      { file: 'binary.txt', reason: 'binary file' },
      { file: 'blank.txt', reason: 'empty file' },
      { file: 'empty.txt', reason: 'empty file' },
      {
        file: 'executable-front-matter.md',
        reason: 'invalid front matter: JavaScript front matter is not allowed',
      },
      { file: 'impossible-date.md', reason: 'invalid date 2025-02-30' },
      { file: 'latin1.txt', reason: 'not UTF-8 text' },
      { file: 'no-text.json', reason: 'JSON has no text or body field' },
      { file: 'notes.pdf', reason: expect.stringMatching(/^unsupported file type \.pdf/) },
      { file: 'same-as-good.txt', reason: 'same content as good.txt' },
    ]);
  });

  it('applies the size limit it is given', async () => {
    const { articles, skipped } = await loadArticles(BAD, { maxBytes: 50 });
    expect(articles).toEqual([]);
    expect(skipped).toContainEqual({ file: 'good.txt', reason: 'larger than the 50-byte limit' });
  });
});

describe('loadArticles and its folder', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('refuses a folder that does not exist, naming it', async () => {
    const missing = join(tmpdir(), 'newsdesk-no-such-folder');
    await expect(loadArticles(missing)).rejects.toThrow(UserFacingError);
    await expect(loadArticles(missing)).rejects.toThrow(`The articles folder ${missing} does not exist.`);
  });

  it('refuses a file given in place of a folder', async () => {
    await expect(loadArticles(join(SEEDS, '000_fd3e603a94f0e4d4.txt'))).rejects.toThrow(/is a file, not a folder/);
  });

  it('returns nothing for an empty folder', async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsdesk-empty-'));
    expect(await loadArticles(dir)).toEqual({ articles: [], skipped: [] });
  });

  it('keeps path order when there are more files than concurrent reads', async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsdesk-many-'));
    const count = MAX_CONCURRENT_READS * 3 + 5;
    const names = Array.from({ length: count }, (_, i) => `update-${String(i).padStart(3, '0')}.txt`);
    await Promise.all(names.map((name, i) => writeFile(join(dir!, name), `Update number ${i}.\n`)));
    const { articles, skipped } = await loadArticles(dir);
    expect(skipped).toEqual([]);
    expect(articles.map((a) => a.origin)).toEqual(names);
  });
});

/** Nested folders whose full path is longer than the system allows (PATH_MAX is 4096 on Linux). */
function makeTooLongPath(dir: string): void {
  // Made one relative step at a time from inside, which no call naming the full path could do.
  const script = `const fs = require('node:fs');
    for (let i = 0; i < 25; i++) { fs.mkdirSync('${'n'.repeat(200)}'); process.chdir('${'n'.repeat(200)}'); }`;
  execFileSync(process.execPath, ['-e', script], { cwd: dir });
}

/** `rm -rf` walks by relative paths, so it can remove a tree deeper than fs.rm can name. */
function removeTree(dir: string): void {
  execFileSync('rm', ['-rf', dir]);
}

describe('loadArticles over a folder an operator or an attacker left in a mess', () => {
  let dir: string;
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
    server = undefined;
    removeTree(dir);
  });

  it('skips files built to never finish parsing, quickly, with a reason', async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsdesk-hostile-'));
    const names = 'abcdefghi';
    const laughs = [
      '---',
      'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
      ...Array.from(names.slice(1), (n, i) => `${n}: &${n} [${Array(9).fill(`*${names[i]}`).join(', ')}]`),
      'title: *i',
      '---',
      'Body text.',
    ].join('\n');
    await writeFile(join(dir, 'cycle.md'), '---\ntitle: &a [x, *a]\n---\nBody text.\n');
    await writeFile(join(dir, 'laughs.md'), laughs);
    await writeFile(join(dir, 'deep.json'), `{"text": "Body.", "title": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    await writeFile(join(dir, 'good.txt'), 'date 2025-08-05 Tugboat crews join the ferry strike.\n');
    const { articles, skipped } = await loadArticles(dir);
    expect(articles.map((a) => a.origin)).toEqual(['good.txt']);
    expect(skipped).toEqual([
      { file: 'cycle.md', reason: 'title is nested too deeply' },
      { file: 'deep.json', reason: 'title is nested too deeply' },
      { file: 'laughs.md', reason: expect.stringMatching(/^title /) },
    ]);
  });

  it('skips FIFOs, sockets, links leading outside or nowhere and unreadable folders, loading the rest', async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsdesk-hostile-'));
    await writeFile(join(dir, 'good.txt'), 'date 2025-08-05 Tugboat crews join the ferry strike.\n');
    mkdirSync(join(dir, 'inner'));
    await writeFile(join(dir, 'inner', 'linked.txt'), 'date 2025-08-06 The ferry strike ends.\n');
    // Opening a FIFO for reading blocks until a writer comes: it must never be opened.
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    server = createServer();
    await new Promise<void>((done) => server!.listen(join(dir, 'socket.txt'), done));
    const outside = join(dir, '..', `${dir.split('/').pop()}-outside.txt`);
    await writeFile(outside, 'date 2025-08-07 A file outside the folder.\n');
    try {
      symlinkSync(outside, join(dir, 'outside.txt'));
      symlinkSync('/etc/hostname', join(dir, 'hostname.txt'));
      symlinkSync('inner/linked.txt', join(dir, 'inside.txt'));
      symlinkSync('loop-b.txt', join(dir, 'loop-a.txt'));
      symlinkSync('loop-a.txt', join(dir, 'loop-b.txt'));
      symlinkSync('..', join(dir, 'inner', 'up'));
      symlinkSync('missing.txt', join(dir, 'broken.txt'));
      makeTooLongPath(dir);
      const { articles, skipped } = await loadArticles(dir);
      expect(articles.map((a) => a.origin)).toEqual(['good.txt', 'inner/linked.txt']);
      const tooLong = skipped.find((item) => item.reason === 'folder cannot be read (ENAMETOOLONG)');
      expect(tooLong?.file).toMatch(/^n+(\/n+)+$/);
      expect(skipped.filter((item) => item !== tooLong)).toEqual([
        { file: 'broken.txt', reason: 'broken link' },
        { file: 'hostname.txt', reason: 'link to something outside the articles folder (not followed)' },
        { file: 'inner/up', reason: 'link to a folder (not followed)' },
        { file: 'inside.txt', reason: 'same content as inner/linked.txt' },
        { file: 'loop-a.txt', reason: 'link cannot be followed (ELOOP)' },
        { file: 'loop-b.txt', reason: 'link cannot be followed (ELOOP)' },
        { file: 'outside.txt', reason: 'link to something outside the articles folder (not followed)' },
        { file: 'pipe.txt', reason: 'a FIFO, not a regular file (never opened)' },
        { file: 'socket.txt', reason: 'a socket, not a regular file (never opened)' },
      ]);
    } finally {
      rmSync(outside, { force: true });
    }
  });

  it('carries on when subfolders are removed while the folder is being listed', async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsdesk-churn-'));
    const folders = Array.from({ length: 200 }, (_, i) => `tmp-${String(i).padStart(3, '0')}`);
    for (const folder of folders) {
      await mkdir(join(dir, folder, 'deeper'), { recursive: true });
      await writeFile(join(dir, folder, 'deeper', 'note.txt'), `A note written by a sync tool, number ${folder}.\n`);
    }
    const loading = loadArticles(dir);
    // Removed one per turn of the event loop while the listing walks them, as a sync tool would.
    for (const folder of folders) {
      rmSync(join(dir, folder), { recursive: true, force: true });
      await new Promise((done) => setImmediate(done));
    }
    const { articles, skipped } = await loading;
    expect(articles.length).toBeLessThan(folders.length);
    for (const item of skipped) expect(item.reason).toMatch(/^cannot be read \(ENOENT\)$/);
  });
});
