import { grown } from './typed-arrays.js';
/**
 * Many short lists of integers in two flat arrays: list `i` is `values[starts[i]]` up to
 * `values[starts[i + 1]]`. Kept for every quote of a corpus (its words, its stems) and for the
 * terms of a summary's candidates, where a JS array apiece cost an object and 8 bytes a number,
 * and a typed array apiece more still.
 */
export class IntLists {
  constructor(
    readonly starts: Int32Array,
    readonly values: Int32Array,
  ) {}

  /** The lists of `arrays`, copied into two flat arrays. */
  static from(arrays: readonly Int32Array[]): IntLists {
    const starts = new Int32Array(arrays.length + 1);
    arrays.forEach((list, i) => {
      starts[i + 1] = starts[i]! + list.length;
    });
    const values = new Int32Array(starts[arrays.length]!);
    arrays.forEach((list, i) => {
      values.set(list, starts[i]);
    });
    return new IntLists(starts, values);
  }

  /** How many lists there are. */
  get size(): number {
    return this.starts.length - 1;
  }

  lengthOf(index: number): number {
    return this.starts[index + 1]! - this.starts[index]!;
  }

  /** List `index`, a view on the shared array (not a copy). */
  of(index: number): Int32Array {
    return this.values.subarray(this.starts[index], this.starts[index + 1]);
  }
}

/** Appends lists one value at a time: `push` values, then `end` closes the list. */
export class IntListsBuilder {
  private starts: Int32Array = new Int32Array(1024);
  private values: Int32Array = new Int32Array(4096);
  private lists = 0;
  private used = 0;

  push(value: number): void {
    if (this.used === this.values.length) this.values = grown(this.values, this.used + 1);
    this.values[this.used++] = value;
  }

  /** Closes the list being pushed to: the values since the last `end` are list number `size`. */
  end(): void {
    if (this.lists + 2 > this.starts.length) this.starts = grown(this.starts, this.lists + 2);
    this.starts[++this.lists] = this.used;
  }

  get size(): number {
    return this.lists;
  }

  /** The lists so far, in arrays of their exact size. */
  build(): IntLists {
    return new IntLists(this.starts.slice(0, this.lists + 1), this.values.slice(0, this.used));
  }
}

/**
 * Lists by value: list `v` of the result holds, ascending, the indexes of the lists of `lists` that
 * hold `v` (values run from 0 to `width - 1`). Transposing twice gives the lists back, each sorted.
 */
export function transpose(lists: IntLists, width: number): IntLists {
  const { starts, values } = lists;
  const counts = new Int32Array(width + 1);
  for (const value of values) counts[value + 1]! += 1;
  for (let value = 0; value < width; value++) counts[value + 1]! += counts[value]!;
  const filled = counts.slice(0, width);
  const indexes = new Int32Array(values.length);
  for (let index = 0; index < lists.size; index++) {
    for (let at = starts[index]!; at < starts[index + 1]!; at++) indexes[filled[values[at]!]!++] = index;
  }
  return new IntLists(counts, indexes);
}

/** Lists by value (see `transpose`), as wide as the largest value held. */
export function byValue(lists: IntLists): IntLists {
  let width = 0;
  for (const value of lists.values) if (value >= width) width = value + 1;
  return transpose(lists, width);
}

/** One list per pick: list `index[k]` of `sources[source[k]]`, copied in order. */
export function gather(sources: readonly IntLists[], source: Uint8Array, index: Int32Array): IntLists {
  const starts = new Int32Array(index.length + 1);
  for (let k = 0; k < index.length; k++) starts[k + 1] = starts[k]! + sources[source[k]!]!.lengthOf(index[k]!);
  const values = new Int32Array(starts[index.length]!);
  for (let k = 0; k < index.length; k++) values.set(sources[source[k]!]!.of(index[k]!), starts[k]);
  return new IntLists(starts, values);
}
