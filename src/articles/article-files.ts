import fs, { type Stats } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { UserFacingError } from '../errors.js';
import { compareText } from '../text/compare-text.js';
import { ArticleFileError } from './parse-article-file.js';
import type { SkippedFile } from './types.js';

/**
 * What is at a path in the articles folder, decided without opening it (opening a FIFO blocks until
 * someone writes to it). A symbolic link is followed only to a regular file inside the folder: a link
 * to `/etc/hostname` is not an article, and a link to a folder could make a loop.
 */
export type FolderEntry =
  | { kind: 'file'; info: Stats }
  | { kind: 'folder' }
  | { kind: 'missing' }
  | { kind: 'skipped'; reason: string };

/** Looks at `path` (relative to `dir`, whose real path is `realDir`) and says what it is. */
export async function inspectEntry(dir: string, realDir: string, path: string): Promise<FolderEntry> {
  const full = join(dir, path);
  let info: Stats;
  try {
    info = await lstat(full);
  } catch (error) {
    return unreachable(error, 'cannot be read');
  }
  if (info.isDirectory()) return { kind: 'folder' };
  if (info.isFile()) return { kind: 'file', info };
  if (!info.isSymbolicLink()) return { kind: 'skipped', reason: specialFileReason(info) };
  let target: Stats;
  try {
    const real = await realpath(full);
    if (real !== realDir && !real.startsWith(realDir + sep)) {
      return { kind: 'skipped', reason: 'link to something outside the articles folder (not followed)' };
    }
    target = await stat(real);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'skipped', reason: 'broken link' };
    if (code) return { kind: 'skipped', reason: `link cannot be followed (${code})` };
    throw error;
  }
  if (target.isDirectory()) return { kind: 'skipped', reason: 'link to a folder (not followed)' };
  if (!target.isFile()) return { kind: 'skipped', reason: specialFileReason(target) };
  return { kind: 'file', info: target };
}

function unreachable(error: unknown, what: string): FolderEntry {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
  if (code) return { kind: 'skipped', reason: `${what} (${code})` };
  throw error;
}

function specialFileReason(info: Stats): string {
  const kind = info.isFIFO()
    ? 'a FIFO'
    : info.isSocket()
      ? 'a socket'
      : info.isBlockDevice() || info.isCharacterDevice()
        ? 'a device'
        : 'a special file';
  return `${kind}, not a regular file (never opened)`;
}

/**
 * Every article file under `dir` (or under its subfolder `under`), as relative paths with forward
 * slashes in code-unit order, and everything passed over with a reason. Hidden files and folders are
 * ignored. A subfolder that vanishes while listed (an editor's or a sync tool's temporary folder) is
 * passed over in silence; one that cannot be read (permissions, a path longer than the system allows)
 * is skipped with the reason, never an error: one bad folder must not stop the rest loading.
 */
export async function listArticleFiles(
  dir: string,
  under = '',
): Promise<{ files: string[]; skipped: SkippedFile[]; realDir: string }> {
  const realDir = await assertFolder(dir);
  const files: string[] = [];
  const skipped: SkippedFile[] = [];
  const pending = [under];
  for (let folder = pending.pop(); folder !== undefined; folder = pending.pop()) {
    let entries: fs.Dirent[];
    try {
      entries = await readdir(join(dir, folder), { withFileTypes: true });
    } catch (error) {
      if (!folder) throw unreadableFolder(dir, error);
      const outcome = unreachable(error, 'folder cannot be read');
      if (outcome.kind === 'skipped') skipped.push({ file: folder, reason: outcome.reason });
      continue;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = folder ? `${folder}/${entry.name}` : entry.name;
      if (entry.isDirectory()) pending.push(path);
      else if (entry.isFile()) files.push(path);
      else {
        const outcome = await inspectEntry(dir, realDir, path);
        if (outcome.kind === 'file') files.push(path);
        else if (outcome.kind === 'folder') pending.push(path);
        else if (outcome.kind === 'skipped') skipped.push({ file: path, reason: outcome.reason });
      }
    }
  }
  files.sort(compareText);
  return { files, skipped, realDir };
}

/** The folder itself must be there and readable: without it there is nothing to answer from. */
async function assertFolder(dir: string): Promise<string> {
  const info = await stat(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new UserFacingError(`The articles folder ${dir} does not exist.`);
    throw unreadableFolder(dir, error);
  });
  if (!info.isDirectory()) throw new UserFacingError(`${dir} is a file, not a folder of articles.`);
  // Links are checked against the real path, wherever the folder itself is linked from.
  return realpath(dir).catch((error: unknown) => {
    throw unreadableFolder(dir, error);
  });
}

function unreadableFolder(dir: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (!code) return error instanceof Error ? error : new Error(String(error));
  return new UserFacingError(`The articles folder ${dir} cannot be read (${code}).`);
}

/** Whether the open file `fd` is inside `realDir`; true where the system cannot say. */
function openedInside(fd: number, realDir: string): boolean {
  let opened: string;
  try {
    opened = fs.readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return true;
  }
  return opened.startsWith(realDir.endsWith(sep) ? realDir : realDir + sep);
}

/**
 * Reads at most `maxBytes + 1` bytes: enough for the parser to tell the file is over the limit
 * without loading a stray multi-gigabyte file into memory. Opened non-blocking and checked to be a
 * regular file before reading, so a file swapped for a FIFO after it was listed cannot hang the read.
 * Callback fs rather than FileHandle: it costs about half the CPU per small file, which is most of
 * the work for a folder of 10,000.
 *
 * A file listed as regular (or as a link inside the folder) can be swapped for a link to anywhere
 * before it is opened, so what was opened is checked to lie inside `realDir` (the folder's real
 * path), where the system says which file a descriptor is (/proc on Linux; elsewhere unchecked).
 */
export function readArticleBytes(path: string, maxBytes: number, realDir: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    fs.open(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK, (openError, fd) => {
      if (openError) return reject(openError);
      const finish = (error: Error | null, buffer?: Buffer) =>
        fs.close(fd, () => (error ? reject(error) : resolve(buffer ?? Buffer.alloc(0))));
      if (!openedInside(fd, realDir)) {
        return finish(new ArticleFileError(path, 'link to something outside the articles folder (not followed)'));
      }
      fs.fstat(fd, (statError, stats) => {
        if (statError) return finish(statError);
        if (!stats.isFile()) return finish(new ArticleFileError(path, specialFileReason(stats)));
        // Unzeroed is safe: only the bytes read are ever exposed.
        const buffer = Buffer.allocUnsafe(Math.min(stats.size, maxBytes + 1));
        fs.read(fd, buffer, 0, buffer.length, 0, (readError, bytesRead) =>
          finish(readError, buffer.subarray(0, bytesRead)),
        );
      });
    });
  });
}

/**
 * A file's size and modification time as one string: the same is taken to mean the same content,
 * as a start judges a seed file it has read before (see `loadStoredCorpus`) and the seeds watcher
 * one present when it started.
 */
export function fileState(size: number, mtimeMs: number): string {
  return `${size}:${mtimeMs}`;
}
