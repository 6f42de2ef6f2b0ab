import { isSpellingOf } from './names.js';

/**
 * Spellings of one name that keys alone keep apart: transliterations of a surname across outlets
 * ("Piotr Kowalsky", "Piotr Kowalskyy"), a one-letter typo an article makes ("Kowalky"
 * beside "Piotr Kowalskyy" in the same article), and an abbreviation of a multi-word name
 * ("AP", "Associated Press"). Two different people who share a surname stay apart: full names
 * merge only when every other word is the same, and a lone word only when exactly one name fits.
 */

/** Words an abbreviation leaves out ("United States of America" is "USA"). */
const SKIPPED_IN_ABBREVIATIONS = new Set(['of', 'the', 'and', 'for', 'in', 'on', 'at']);

/**
 * Groups full-name keys that differ only in the spelling of their last word, and maps each to
 * the most used key of its group (ties: the first in code-unit order, so the result is stable).
 */
export function mergeSpellings(fullKeys: ReadonlyMap<string, number>): Map<string, string> {
  const byLead = new Map<string, string[]>();
  for (const key of fullKeys.keys()) {
    const words = key.split(' ');
    const lead = `${words.slice(0, -1).join(' ')}|${words.at(-1)!.slice(0, 2)}`;
    const list = byLead.get(lead);
    if (list) list.push(key);
    else byLead.set(lead, [key]);
  }
  const representative = new Map<string, string>();
  for (const keys of byLead.values()) {
    if (keys.length < 2) continue;
    const parent = new Map(keys.map((key) => [key, key]));
    const find = (key: string): string => {
      let root = key;
      while (parent.get(root) !== root) root = parent.get(root)!;
      return root;
    };
    for (let i = 0; i < keys.length; i++) {
      for (let j = i + 1; j < keys.length; j++) {
        const a = keys[i]!;
        const b = keys[j]!;
        if (isSpellingOf(a.slice(a.lastIndexOf(' ') + 1), b.slice(b.lastIndexOf(' ') + 1))) {
          parent.set(find(a), find(b));
        }
      }
    }
    const groups = new Map<string, string[]>();
    for (const key of keys) {
      const root = find(key);
      groups.set(root, [...(groups.get(root) ?? []), key]);
    }
    for (const members of groups.values()) {
      if (members.length < 2) continue;
      const best = [...members].sort((a, b) => fullKeys.get(b)! - fullKeys.get(a)! || (a < b ? -1 : 1))[0]!;
      for (const member of members) if (member !== best) representative.set(member, best);
    }
  }
  return representative;
}

/** The abbreviation a multi-word key would have ("united states" → "us"), or '' for one word. */
export function abbreviationOf(key: string): string {
  const words = key.split(' ').filter((word) => !SKIPPED_IN_ABBREVIATIONS.has(word));
  return words.length > 1 ? words.map((word) => word[0]).join('') : '';
}

/**
 * The one full name a lone word misspells, among the surnames of the people its own article
 * names in full (`surnames[i]` belongs to `keys[i]`); null when none or several fit, or when the
 * word is itself one of those surnames.
 */
export function misspelledSurname(word: string, surnames: readonly string[], keys: readonly string[]): string | null {
  let found: string | null = null;
  for (let i = 0; i < surnames.length; i++) {
    const surname = surnames[i]!;
    if (!surname) continue;
    if (surname === word) return null;
    if (!isSpellingOf(word, surname)) continue;
    if (found !== null && found !== keys[i]) return null;
    found = keys[i]!;
  }
  return found;
}
