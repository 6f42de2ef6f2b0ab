/**
 * Words that make a phrase a title or role ("Press Secretary", "US envoy", "NATO Secretary General").
 * A role head ends the title part of "Norwegian Minister Ola Ek"; the words after it are the name.
 */
// biome-ignore format: a word list reads better packed
export const ROLE_HEADS = new Set([
  'president', 'presidents', 'vice-president', 'secretary', 'secretary-general', 'minister', 'chancellor', 'senator', 'sen.', 'rep.', 'representative',
  'gov.', 'governor', 'mayor', 'speaker', 'leader', 'chairman', 'chairwoman', 'chair', 'spokesman', 'spokeswoman',
  'spokesperson', 'envoy', 'ambassador', 'director', 'commissioner', 'chief', 'judge', 'justice', 'attorney',
  'adviser', 'advisor', 'aide', 'king', 'queen', 'prince', 'princess', 'pope', 'ceo', 'officer', 'pastor',
  'councilman', 'councilwoman', 'candidate', 'nominee', 'general', 'gen.', 'lt.', 'col.', 'sgt.', 'capt.',
  'rev.', 'del.', 'delegate', 'premier', 'sheriff', 'prosecutor', 'lawmaker', 'congressman', 'congresswoman',
  'strategist', 'pollster', 'analyst', 'professor', 'prof.', 'economist', 'founder', 'executive', 'manager',
  'official', 'correspondent', 'reporter', 'anchor', 'host', 'editor', 'columnist', 'lawyer', 'surrogate',
  'treasurer', 'comptroller', 'administrator', 'head', 'deputy', 'emir', 'sultan', 'ayatollah', 'dr.',
]);

/** Honorifics that precede a name but are not roles worth reporting. */
export const HONORIFICS = new Set(['mr.', 'mrs.', 'ms.', 'mx.', 'dr.', 'sir', 'dame', 'lady', 'lord']);

/** Words that may stand before a role head inside a title ("White House Press", "Foreign"). */
// biome-ignore format: a word list reads better packed
const ROLE_MODIFIERS = new Set([
  'press', 'foreign', 'defense', 'defence', 'prime', 'vice', 'deputy', 'special', 'national', 'security',
  'former', 'acting', 'interim', 'senior', 'top', 'chief', 'campaign', 'state', 'general', 'majority',
  'minority', 'house', 'senate', 'assistant', 'associate', 'executive', 'presidential', 'federal', 'u.s.',
]);

/** "Secretary of State", "Minister of Defence": an "of" phrase that belongs to the title. */
export function isRoleHead(lower: string): boolean {
  return ROLE_HEADS.has(lower);
}

export function isRoleWord(lower: string): boolean {
  return ROLE_HEADS.has(lower) || ROLE_MODIFIERS.has(lower);
}

/** Role heads that may follow "of" and still belong to a title ("Secretary of State"). */
const OF_TITLE_TAILS = new Set(['state', 'defense', 'defence', 'staff', 'homeland', 'commerce', 'justice', 'the']);

export interface RoleSplit {
  /** Number of leading words that form the title. */
  roleLength: number;
  /** True when those words include a role head, not just honorifics. */
  hasRole: boolean;
}

/**
 * Splits a run of capitalised words into its leading title and the name after it, by the last
 * role head that is followed by at least one name word: "Harbour Board Press Secretary Maja
 * Lund" → 4 title words; "Secretary of State Erik Dahl" → 3.
 */
export function splitRole(lowers: readonly string[]): RoleSplit {
  let roleLength = 0;
  let hasRole = false;
  for (let i = 0; i < lowers.length - 1; i++) {
    const word = lowers[i]!;
    if (HONORIFICS.has(word) && !ROLE_HEADS.has(word)) {
      roleLength = i + 1;
      continue;
    }
    if (!ROLE_HEADS.has(word)) continue;
    let end = i + 1;
    // "Secretary General", "Attorney General", "Chief Justice"
    while (end < lowers.length - 1 && ROLE_HEADS.has(lowers[end]!)) end++;
    if (lowers[end] === 'of' && end + 2 < lowers.length && OF_TITLE_TAILS.has(lowers[end + 1]!)) end += 2;
    roleLength = end;
    hasRole = true;
    i = end - 1;
  }
  return { roleLength, hasRole };
}
