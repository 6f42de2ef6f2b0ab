/**
 * Wire copy opens its first sentence with where (and who) it was filed: "LONDON (AP) _",
 * "BRUSSELS, May 2 (Xinhua) --", "(CNN) --". Read out of its article, as a summary line, that
 * dateline says nothing, so a summary point starts after it (still a verbatim span of the article);
 * its agency, when it names one, is the outlet.
 */
/** A place in capitals (a particle may be written small: "PORTO d'ASCOLI") and the region it may add. */
const PLACE = String.raw`\p{Lu}[\p{Lu}\p{M}.'’]*(?:[\s-](?:\p{Ll}{1,3}['’])?\p{Lu}[\p{Lu}\p{M}.'’]*)*(?:,\s*\p{Lu}[\p{L}\p{M}\d.'’]*(?:\s\p{Lu}[\p{L}\p{M}\d.'’]*)*)?`;
const DAY = String.raw`(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?`;
const AGENCY = String.raw`\s*\([^()]{1,40}\)`;
/** A lone hyphen or a lower-case word after the dash reads as a sentence's own aside ("NATO – the alliance"). */
const SEPARATOR = String.raw`\s*(?:_|--|[‒–—―])\s+(?=[\p{Lu}\p{N}“"‘'])`;
const DATELINE = new RegExp(`^(?:${PLACE}${DAY}(?:${AGENCY})?|${AGENCY.slice(3)})${SEPARATOR}`, 'u');

/** How many characters of `sentence` its dateline takes (0 when it has none). */
export function datelineLength(sentence: string): number {
  return DATELINE.exec(sentence)?.[0].length ?? 0;
}

const AGENCY_IN_DATELINE = new RegExp(`^(?:${PLACE}${DAY})?\\s*\\(([^()]{1,40})\\)${SEPARATOR}`, 'u');

/** The news agency a dateline names ("LONDON (AP) _" → "AP"), or null. */
export function datelineAgency(sentence: string): string | null {
  return AGENCY_IN_DATELINE.exec(sentence)?.[1]?.trim() || null;
}
