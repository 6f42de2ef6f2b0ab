import { type Dirent, type FSWatcher, readdirSync, watch } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';

export interface FolderTreeOptions {
  /**
   * Something was created, changed, moved or removed at `path` (relative, forward slashes); also
   * called once for every file present when its folder starts being watched.
   */
  onEvent: (path: string) => void;
  /** A folder could not be watched (or stopped being watchable); the rest are still watched. */
  onError: (err: Error, folder: string) => void;
  /** Names neither watched nor reported (hidden files and folders). */
  ignore: (name: string) => boolean;
}

export interface FolderTreeWatcher {
  close(): void;
}

/**
 * Watches a folder and each real subfolder with one non-recursive fs.watch per folder. Node 20's own
 * `recursive: true` on Linux stats every entry without a guard: a symbolic-link loop throws ELOOP on
 * every event, stops the scan of its folder (new files there go unseen) and is retried forever. Here
 * links are reported like files but never descended into, so no loop can form, and a folder that
 * cannot be watched is reported once and left out without stopping the others.
 */
export function watchFolderTree(root: string, options: FolderTreeOptions): FolderTreeWatcher {
  const watchers = new Map<string, FSWatcher>();
  let closed = false;

  const drop = (folder: string) => {
    for (const [path, watcher] of watchers) {
      if (path === folder || path.startsWith(`${folder}/`)) {
        watcher.close();
        watchers.delete(path);
      }
    }
  };

  const add = (folder: string) => {
    if (closed || watchers.has(folder)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(join(root, folder), (_event, name) => {
        if (name) changed(folder, name.toString());
      });
    } catch (err) {
      // A subfolder gone before it could be watched is no problem; the folder itself gone is.
      if (!folder || (err as NodeJS.ErrnoException).code !== 'ENOENT') options.onError(err as Error, folder);
      return;
    }
    watcher.on('error', (err) => {
      drop(folder);
      options.onError(err, folder);
    });
    watchers.set(folder, watcher);
    // Listed synchronously, as Node's own recursive watcher does, so that every folder present when
    // watching starts is watched before the caller's next step (a file written at once is not missed).
    let entries: Dirent[];
    try {
      entries = readdirSync(join(root, folder), { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') options.onError(err as Error, folder);
      return;
    }
    for (const entry of entries) {
      if (options.ignore(entry.name)) continue;
      // Everything found is reported once, as Node's own recursive watcher does: a file written
      // after the caller last looked but before this folder was watched is not missed.
      if (entry.isDirectory()) add(child(folder, entry.name));
      else options.onEvent(child(folder, entry.name));
    }
  };

  const changed = (folder: string, name: string) => {
    if (closed || options.ignore(name)) return;
    const path = child(folder, name);
    options.onEvent(path);
    // lstat, not stat: a link to a folder is never watched through.
    void lstat(join(root, path)).then(
      (info) => (info.isDirectory() ? add(path) : drop(path)),
      () => drop(path),
    );
  };

  add('');
  return {
    close() {
      closed = true;
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

function child(folder: string, name: string): string {
  return folder ? `${folder}/${name}` : name;
}
