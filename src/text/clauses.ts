/**
 * Where one clause of a sentence ends and the next begins: a comma or semicolon followed by a
 * conjunction ("…will meet on Monday, as the president on Saturday split from his allies"), or a
 * semicolon. Participles and lists ("the summit, scheduled for Friday") do not part clauses.
 * Shared by the timeline (one development per clause's day) and answers (the clause a date is in).
 */
export const CLAUSE_BREAK = /(?:[,;]\s+(?:as|while|and|but|whereas|after|before|when)\b|;)\s*/giu;

/** The clause of `text` holding the offset `at`: from the break before it to the break after it. */
export function clauseAround(text: string, at: number): string {
  let start = 0;
  let end = text.length;
  for (const match of text.matchAll(CLAUSE_BREAK)) {
    if (match.index + match[0].length <= at) start = match.index + match[0].length;
    else if (match.index >= at) {
      end = match.index;
      break;
    }
  }
  return text.slice(start, end);
}
