/**
 * `map`'s value for `key`, made with `make` when missing, and kept among the `max` most recently
 * used (a `Map` iterates in insertion order, so a value read is moved to the end and the first is
 * the least recently used).
 */
export function recentlyUsed<K, V>(map: Map<K, V>, key: K, make: () => V, max: number): V {
  let value = map.get(key);
  if (value !== undefined) map.delete(key);
  else {
    value = make();
    if (map.size >= max) map.delete(map.keys().next().value as K);
  }
  map.set(key, value);
  return value;
}
