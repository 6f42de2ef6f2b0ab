import { basisFooter, CitationBook } from '../src/citations.js';
import { type CommandDefinition, dayOption, stringOption } from '../src/command.js';
import { UserFacingError } from '../src/errors.js';
import { buildTimeline } from '../src/timeline/build-timeline.js';

export const MAX_TIMELINE_ENTRIES = 30;

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
    const entries = buildTimeline(corpus, { since, until, about, limit: MAX_TIMELINE_ENTRIES });
    const book = new CitationBook(corpus);
    const range = [since && `from ${since}`, until && `to ${until}`].filter(Boolean).join(' ');
    return {
      tone: entries.length ? 'answer' : 'not_found',
      title: ['Timeline', about && `of ${about}`, range].filter(Boolean).join(' '),
      intro: entries.length ? undefined : 'The articles date no developments in that range.',
      items: entries.map((entry) => ({
        text: `${entry.date}${entry.when ? ` (${entry.when})` : ''}: ${entry.text}`,
        cites: [book.cite(entry.articleId, entry)],
      })),
      citations: book.citations(),
      footer: basisFooter(corpus.basis()),
    };
  },
};
