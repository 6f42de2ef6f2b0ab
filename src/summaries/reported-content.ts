/**
 * What a line reports, without who reported it: "<speaker> said (that) <content>" keeps the
 * clause that follows the verb (up to a clause the reporter adds: "…, as the talks stall"),
 * "<content>, <speaker> said on Monday." and "“<content>,” she said." what comes before the
 * speaker. Two outlets' wordings of one fact differ most in the attribution (one names
 * the spokesman and his title, another "port officials"), so redundancy is also judged on the
 * content alone.
 */
import { isInvertingCue } from '../articles/attribution-cues.js';
import { CLAUSE_BREAK } from '../text/clauses.js';
import { forEachWrittenWord } from '../text/written-words.js';

/** At most this many words between the comma and the verb: the speaker and the title. */
const MAX_SPEAKER_WORDS = 8;
/** Words that open a phrase of time or place after the verb ("said on Monday", "reports after his visit"), not what was said. */
const PREPOSITIONS = new Set([
  'on',
  'in',
  'at',
  'after',
  'before',
  'during',
  'for',
  'to',
  'from',
  'with',
  'by',
  'late',
  'earlier',
  'later',
]);
/** Content shorter than this is no fact on its own. */
const MIN_CONTENT_WORDS = 4;

/** The span of `text` that holds what was reported, or null when no speech verb attributes it. */
export function reportedContent(text: string): string | null {
  const starts: number[] = [];
  const ends: number[] = [];
  let cue = -1;
  forEachWrittenWord(text, (start, end) => {
    if (cue < 0 && starts.length > 0 && isInvertingCue(text.slice(start, end).toLowerCase())) cue = starts.length;
    starts.push(start);
    ends.push(end);
  });
  if (cue < 0) return null;
  const comma = text.lastIndexOf(',', starts[cue]!);
  const next = cue + 1 < starts.length ? text.slice(starts[cue + 1]!, ends[cue + 1]!).toLowerCase() : '';
  const after = starts.length - cue - 1;
  // "“…,” she said …" reports what is quoted before the comma; otherwise, when the verb is followed
  // by a clause of its own, that clause is the content, and what comes before the comma is an
  // opening phrase or the speaker's title ("Speaking on Monday, the mayor said …", "Ek, the port's
  // director, said …").
  const quotedBefore = comma >= 0 && (/^,\s*[”"’]/.test(text.slice(comma)) || /[”"’]\s*$/.test(text.slice(0, comma)));
  const clauseFollows = after >= MIN_CONTENT_WORDS && !PREPOSITIONS.has(next);
  if (comma < 0 || next === 'that' || (!quotedBefore && clauseFollows)) {
    if (after < MIN_CONTENT_WORDS) return null;
    // The reported clause, not one the reporter adds to it ("…, as the talks stall").
    const content = text.slice(ends[cue]!);
    const added = content.search(CLAUSE_BREAK);
    return added < 0 ? content : content.slice(0, added);
  }
  const before = starts.filter((start) => start < comma).length;
  return cue - before <= MAX_SPEAKER_WORDS && before >= MIN_CONTENT_WORDS ? text.slice(0, comma) : null;
}
