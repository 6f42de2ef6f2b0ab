/**
 * V8 makes a slice of 13 characters or more a view into the string it was cut from, which keeps the
 * whole of that string alive as long as the slice lives. A sentence or quote kept by a story-wide
 * view then held its article's entire text: at 100k articles, the views kept ~800 MB of texts the
 * store had already let go.
 */
const SHORTEST_VIEW = 13;

/**
 * `text.slice(start, end)` as a string of its own, not a view into `text`: for what outlives the
 * read of `text` (a sentence or quote a view keeps). Joined to one more character and cut again,
 * V8 copies the slice into a new flat string of its own length plus one; the characters are the
 * same, byte for byte.
 */
export function detachedSlice(text: string, start: number, end: number): string {
  const slice = text.slice(start, end);
  if (slice.length < SHORTEST_VIEW) return slice;
  return ` ${slice}`.slice(1);
}
