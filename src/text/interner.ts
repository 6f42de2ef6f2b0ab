/**
 * Numbers strings in the order they are first seen, from 0, so what is kept per string can live in
 * flat arrays indexed by its id. Ids never change once given.
 */
export class Interner {
  private readonly ids = new Map<string, number>();

  /** How many strings have ids (ids run from 0 to size - 1). */
  get size(): number {
    return this.ids.size;
  }

  /** The id of `key`, given now when it has none. */
  idOf(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(key, id);
    }
    return id;
  }

  /** The strings with ids, in id order (the string with id `i` is at `i`). */
  keys(): string[] {
    return [...this.ids.keys()];
  }

  /** The id of `key`, or undefined when it has none. */
  find(key: string): number | undefined {
    return this.ids.get(key);
  }
}
