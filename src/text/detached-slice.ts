/**
 * V8 makes a slice of 13 characters or more a view into the string it was cut from, which keeps the
 * whole of that string alive as long as the slice lives. A sentence or quote kept by a story-wide
 * view then held its article's entire text: at 100k articles, the views kept ~800 MB of texts the
 * store had already let go.
 */
const SHORTEST_VIEW = 13;

/** Characters V8 can hold one byte each. */
const LATIN1_ONLY = /^[\0-\xff]*$/;

/**
 * `text.slice(start, end)` as a string of its own, not a view into `text`: for what outlives the
 * read of `text` (a sentence or quote a view keeps). The characters are the same, byte for byte.
 * A text holding one curly quote is two bytes a character throughout, and so is every slice of
 * it; a slice with no character past Latin-1 is copied through Latin-1, which V8 holds one byte a
 * character (half the memory for most sentences). Any other is joined to one more character and
 * cut again, which V8 copies into a new flat string of its own length plus one.
 */
export function detachedSlice(text: string, start: number, end: number): string {
  const slice = text.slice(start, end);
  if (slice.length < SHORTEST_VIEW) return slice;
  if (LATIN1_ONLY.test(slice)) return Buffer.from(slice, 'latin1').toString('latin1');
  return ` ${slice}`.slice(1);
}

/** `text` as a string of its own (see `detachedSlice`), for one that may have been cut from a longer one. */
export function detachedCopy(text: string): string {
  return detachedSlice(text, 0, text.length);
}
