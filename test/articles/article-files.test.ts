import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listArticleFiles, readArticleBytes } from '../../src/articles/article-files.js';
import { ArticleFileError } from '../../src/articles/parse-article-file.js';

describe('reading an article file that changed after it was listed', () => {
  let root: string;
  let dir: string;
  let outside: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'newsdesk-article-files-'));
    dir = join(root, 'seeds');
    await mkdir(dir);
    outside = join(root, 'private.txt');
    await writeFile(outside, 'operator secret');
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('refuses a file swapped for a link to outside the folder between listing and reading', async () => {
    await writeFile(join(dir, 'story.md'), 'An ordinary article.');
    const { files, realDir } = await listArticleFiles(dir);
    expect(files).toEqual(['story.md']);
    // The swap an attacker with write access to a synced folder would race in.
    await rm(join(dir, 'story.md'));
    await symlink(outside, join(dir, 'story.md'));

    const read = readArticleBytes(join(dir, 'story.md'), 1000, realDir);
    await expect(read).rejects.toBeInstanceOf(ArticleFileError);
    await expect(read).rejects.toMatchObject({ reason: expect.stringMatching(/outside the articles folder/) });
  });

  it('still reads a file, or a link to a file, inside the folder', async () => {
    await mkdir(join(dir, 'sub'));
    await writeFile(join(dir, 'sub', 'story.md'), 'An ordinary article.');
    await symlink(join(dir, 'sub', 'story.md'), join(dir, 'linked.md'));
    const realDir = await realpath(dir);
    for (const file of ['sub/story.md', 'linked.md']) {
      expect(String(await readArticleBytes(join(dir, file), 1000, realDir))).toBe('An ordinary article.');
    }
  });
});
