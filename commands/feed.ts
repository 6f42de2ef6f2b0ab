import { utcStamp } from '../src/citations.js';
import { type CommandDefinition, requireString, stringOption } from '../src/command.js';
import { UserFacingError } from '../src/errors.js';
import type { ListedFeed } from '../src/ingest/feed-manager.js';
import type { Reply } from '../src/reply.js';

const MAX_URL_LENGTH = 500;

export const feed: CommandDefinition = {
  name: 'feed',
  description: 'Follow an RSS or Atom feed for new articles (add, remove, list)',
  guildOnly: true,
  requires: 'Manage Server',
  ephemeral: true,
  options: [
    {
      name: 'action',
      description: 'What to do',
      type: 'string',
      required: true,
      choices: [
        { name: 'add', value: 'add' },
        { name: 'remove', value: 'remove' },
        { name: 'list', value: 'list' },
      ],
    },
    { name: 'url', description: 'The feed’s address, https://…', type: 'string', maxLength: MAX_URL_LENGTH },
  ],
  async run(options, context) {
    const feeds = context.services.feeds;
    if (!feeds) throw new UserFacingError('Feeds can be added only while the bot is running in a server.');
    // guildOnly: `checkAccess` has already refused the command outside a server.
    const guildId = context.guildId as string;
    const action = requireString(options, 'action');
    if (action === 'list') return listReply(feeds.list());
    const url = readUrl(stringOption(options, 'url'), action);
    if (action === 'add') {
      const outcome = await feeds.add(url, guildId, context.userId ?? 'console');
      const said = {
        added:
          'Added. Newsdesk reads it now and then every few minutes; new articles reach answers and subscribed channels.',
        'already-followed': 'Newsdesk already follows this feed.',
        configured: 'Newsdesk already follows this feed: it is set in the bot’s configuration (FEEDS).',
      }[outcome];
      return {
        tone: 'info',
        title: `Feed ${shownUrl(url)}`,
        intro: `${said} Every server this Newsdesk serves shares its feeds.`,
        items: [],
        citations: [],
      };
    }
    const outcome = await feeds.remove(url);
    if (outcome === 'configured') {
      throw new UserFacingError(
        'That feed is set in the bot’s configuration (FEEDS); only its operator can remove it.',
      );
    }
    if (outcome === 'unknown')
      throw new UserFacingError('Newsdesk does not follow that feed; /feed action:list shows the ones it does.');
    return {
      tone: 'info',
      title: `Feed ${shownUrl(url)}`,
      intro: 'Removed. Articles read from it are withdrawn from answers.',
      items: [],
      citations: [],
    };
  },
};

function readUrl(text: string | undefined, action: string): string {
  if (!text) throw new UserFacingError(`To ${action} a feed, give url: its address, like https://example.com/rss.xml.`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UserFacingError(`"${text}" is not a web address; give one like https://example.com/rss.xml.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UserFacingError('A feed’s address starts with https:// (or http://).');
  }
  return url.href;
}

function listReply(feeds: readonly ListedFeed[]): Reply {
  return {
    tone: 'info',
    title: 'Feeds',
    intro: feeds.length ? `Newsdesk follows ${feeds.length}.` : 'None yet. /feed action:add url:… follows one.',
    items: feeds.map((listed) => ({ text: describe(listed), cites: [] })),
    citations: [],
  };
}

function describe(listed: ListedFeed): string {
  const name = listed.title ? `${listed.title} (${shownUrl(listed.url)})` : shownUrl(listed.url);
  const from = listed.origin === 'config' ? 'set in configuration' : 'added with /feed';
  const health = listed.lastError
    ? `failing: ${listed.lastError}`
    : listed.lastSuccessAt
      ? `last read ${utcStamp(new Date(listed.lastSuccessAt))}`
      : listed.readElsewhere
        ? 'read by whichever Newsdesk process holds the ingest'
        : 'not read yet';
  return `${name} — ${from}; ${health}`;
}

/**
 * A feed's address without the user name and password it may carry: feeds are shared by every
 * server, so a private feed's sign-in (the operator's in FEEDS, or one server's) would otherwise be
 * listed to the managers of all the others.
 */
function shownUrl(text: string): string {
  try {
    const url = new URL(text);
    if (!url.username && !url.password) return text;
    url.username = '';
    url.password = '';
    return url.href.replace('://', '://…@');
  } catch {
    return text;
  }
}
