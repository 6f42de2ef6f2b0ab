import { DETERMINERS, isCue } from './attribution-cues.js';
import type { NameRun } from './names.js';
import { isRoleHead, isRoleWord } from './roles.js';
import type { Article } from './types.js';
import { spaceBetween, type Token, tokenIndexAt } from './word-tokens.js';

const MAX_PREFIX_WORDS = 5;
const MAX_APPOSITION_WORDS = 12;
const APPOSITION_ENDS = new Set([',', '.', ';', ')', '(', ':', '—', '–', 'who', 'which', 'that', 'and']);

/** "US envoy Steve Berg", "Holm campaign spokesman Jason Miller": a lower-case title before the name. */
function roleBefore(article: Article, tokens: readonly Token[], first: number): string | null {
  let from = first;
  let sawHead = false;
  while (from > 0 && first - from < MAX_PREFIX_WORDS) {
    const token = tokens[from - 1]!;
    if (!spaceBetween(article.text, token, tokens[from]!)) break;
    const lowerRole = !token.capital && isRoleWord(token.lower);
    if (!lowerRole && !(token.capital && /^\p{L}/u.test(token.text))) break;
    if (token.capital && DETERMINERS.has(token.lower)) break;
    if (lowerRole && isRoleHead(token.lower)) sawHead = true;
    from--;
  }
  if (!sawHead) return null;
  // The words must end in the role head itself ("US envoy"), not a modifier.
  const last = tokens[first - 1]!;
  if (last.capital || !isRoleHead(last.lower)) return null;
  return article.text.slice(tokens[from]!.start, last.end);
}

/** "Mark Rutte, the NATO secretary general,": a role in apposition after the name. */
function roleAfter(article: Article, tokens: readonly Token[], after: number): string | null {
  if (tokens[after]?.text !== ',') return null;
  let from = after + 1;
  while (from < tokens.length && DETERMINERS.has(tokens[from]!.lower) && !tokens[from]!.capital) from++;
  if (from === after + 1 && tokens[from] && !isRoleWord(tokens[from]!.lower)) return null;
  let to = from;
  let sawHead = false;
  while (to < tokens.length && to - from < MAX_APPOSITION_WORDS) {
    const token = tokens[to]!;
    if (APPOSITION_ENDS.has(token.lower) || (!token.capital && isCue(token.lower))) break;
    if (isRoleHead(token.lower)) sawHead = true;
    to++;
  }
  const end = tokens[to];
  if (!sawHead || to === from || !end || !APPOSITION_ENDS.has(end.lower)) return null;
  return article.text.slice(tokens[from]!.start, tokens[to - 1]!.end);
}

/** A role the article gives a name in the words around it, when its title does not. */
export function findRoleAround(article: Article, tokens: readonly Token[], run: NameRun): string | null {
  const first = tokenIndexAt(tokens, run.tokens[0]!.start);
  const after = tokenIndexAt(tokens, run.tokens.at(-1)!.end);
  return roleBefore(article, tokens, first) ?? roleAfter(article, tokens, after);
}
