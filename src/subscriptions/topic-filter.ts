/**
 * A subscription's topic: words or people, several separated by commas ("ferry, Maja Lund").
 * An article matches when any of them appears in its title or text as whole words, ignoring case
 * and spacing, so "strike" matches "Strike" but not "strikebreakers".
 */
export function matchesTopic(topic: string | null, text: string): boolean {
  const phrases = (topic ?? '')
    .split(',')
    .map((phrase) => phrase.trim())
    .filter(Boolean);
  if (phrases.length === 0) return true;
  return phrases.some((phrase) => phrasePattern(phrase).test(text));
}

function phrasePattern(phrase: string): RegExp {
  const words = phrase.split(/\s+/).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // \b is ASCII-only in JavaScript; letters and digits on either side are what make a partial word.
  return new RegExp(`(?<![\\p{L}\\p{N}])${words.join('\\s+')}(?![\\p{L}\\p{N}])`, 'iu');
}
