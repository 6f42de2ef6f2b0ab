import type { Article } from '../articles/types.js';
import type { ArticleChange } from './article-change.js';

/**
 * Which article each origin (a seed file, a feed item) currently holds, and so what a new reading of
 * that origin means. Article ids come from content, so two origins may hold the same article (a copied
 * file, one story in two feeds); the corpus keeps one copy, so a change is only reported when the set
 * of ids held by any origin changes — deleting a copy never withdraws the original.
 */
export class OriginIndex {
  private readonly idByOrigin = new Map<string, string>();
  private readonly originsById = new Map<string, Set<string>>();

  constructor(initial: Iterable<readonly [origin: string, articleId: string]> = []) {
    for (const [origin, id] of initial) this.set(origin, id);
  }

  get(origin: string): string | undefined {
    return this.idByOrigin.get(origin);
  }

  origins(): IterableIterator<string> {
    return this.idByOrigin.keys();
  }

  get size(): number {
    return this.idByOrigin.size;
  }

  /** Records that `origin` now holds `next` (null: the origin is gone) and returns what changed, if anything. */
  transition(origin: string, next: Article | null): ArticleChange | null {
    const previous = this.idByOrigin.get(origin);
    if (next === null) {
      if (previous === undefined) return null;
      this.delete(origin);
      return this.isHeld(previous) ? null : { kind: 'removed', origin, articleId: previous };
    }
    if (next.id === previous) return null;
    const nextAlreadyHeld = this.isHeld(next.id);
    if (previous !== undefined) this.delete(origin);
    this.set(origin, next.id);
    const previousStillHeld = previous !== undefined && this.isHeld(previous);
    if (previous === undefined || previousStillHeld) {
      return nextAlreadyHeld ? null : { kind: 'added', origin, article: next };
    }
    if (nextAlreadyHeld) return { kind: 'removed', origin, articleId: previous };
    return { kind: 'updated', origin, previousArticleId: previous, article: next };
  }

  private isHeld(id: string): boolean {
    return (this.originsById.get(id)?.size ?? 0) > 0;
  }

  private set(origin: string, id: string): void {
    this.idByOrigin.set(origin, id);
    let origins = this.originsById.get(id);
    if (!origins) {
      origins = new Set();
      this.originsById.set(id, origins);
    }
    origins.add(origin);
  }

  private delete(origin: string): void {
    const id = this.idByOrigin.get(origin);
    if (id === undefined) return;
    this.idByOrigin.delete(origin);
    const origins = this.originsById.get(id);
    origins?.delete(origin);
    if (origins?.size === 0) this.originsById.delete(id);
  }
}
