import { basisFooter, CitationBook } from '../src/citations.js';
import { type CommandDefinition, dayOption, stringOption } from '../src/command.js';
import { UserFacingError } from '../src/errors.js';
import { selectTimeline, type TimelineEntry } from '../src/timeline/build-timeline.js';

export const MAX_TIMELINE_ENTRIES = 30;

const MONTH_NAMES = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

export const timeline: CommandDefinition = {
  name: 'timeline',
  paginable: true,
  description: 'What happened when, day by day, from the articles',
  options: [
    { name: 'since', description: 'From this day, as YYYY-MM-DD', type: 'string' },
    { name: 'until', description: 'Up to this day, as YYYY-MM-DD', type: 'string' },
    {
      name: 'about',
      description: 'Only developments about these words or this person',
      type: 'string',
      autocomplete: 'topic',
    },
  ],
  run(options, { services: { corpus } }) {
    const since = dayOption(options, 'since');
    const until = dayOption(options, 'until');
    const about = stringOption(options, 'about');
    if (since && until && since > until) {
      throw new UserFacingError(`since (${since}) comes after until (${until}); give the earlier day as since.`);
    }
    const { entries, total } = selectTimeline(corpus, { since, until, about, limit: MAX_TIMELINE_ENTRIES });
    const book = new CitationBook(corpus);
    const range = [since && `from ${since}`, until && `to ${until}`].filter(Boolean).join(' ');
    return {
      tone: entries.length ? 'answer' : 'not_found',
      title: ['Timeline', about && `of ${about}`, range].filter(Boolean).join(' '),
      intro: entries.length
        ? cutNote(entries.length, total, since, until)
        : 'The articles date no developments in that range.',
      items: entries.map((entry) => ({
        text: `${dateLabel(entry)}${entry.when ? ` (${entry.when})` : ''}: ${entry.text}${entry.expected ? ' (scheduled)' : ''}`,
        cites: [...new Set([book.cite(entry.articleId, entry), ...book.citeAll(entry.alsoIn ?? [])])],
      })),
      citations: book.citations(),
      footer: basisFooter(corpus.basis()),
    };
  },
};

/** A day as YYYY-MM-DD; a month named alone ("in January") as the month, not its first day. */
function dateLabel(entry: TimelineEntry): string {
  if (entry.precision === 'month') return MONTH_NAMES.format(new Date(`${entry.date}T00:00:00Z`));
  return entry.date;
}

/** Says what a cut list left out, and how to see it. */
function cutNote(shown: number, total: number, since?: string, until?: string): string | undefined {
  if (shown >= total) return undefined;
  const left = total - shown;
  if (since && !until) {
    return `${shown} of ${total} developments from ${since} (${left} later left out; \`/timeline since:\` a later day for them).`;
  }
  return `${shown} of ${total} developments, the most widely reported (${left} left out; \`/timeline since:\` and \`until:\` show a stretch of days in full).`;
}
