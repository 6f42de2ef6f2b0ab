import type { CommandDefinition, OptionSpec } from '../src/command.js';
import { UserFacingError } from '../src/errors.js';

/**
 * Choices must be static for Discord, so the names are listed here; a test checks they match
 * commands/index.ts. The list itself is imported when help runs: a static import would be circular.
 */
export const COMMAND_NAMES = [
  'ask',
  'summary',
  'quote',
  'search',
  'sources',
  'timeline',
  'who',
  'subscribe',
  'unsubscribe',
  'subscriptions',
  'feed',
  'help',
  'status',
];

export const help: CommandDefinition = {
  name: 'help',
  paginable: true,
  description: 'What Newsdesk can do, or how to use one command',
  options: [
    {
      name: 'command',
      description: 'The command to explain',
      type: 'string',
      choices: COMMAND_NAMES.map((name) => ({ name, value: name })),
    },
  ],
  async run(options) {
    const { commands } = await import('./index.js');
    const wanted = typeof options.command === 'string' ? options.command.replace(/^\//, '') : undefined;
    if (!wanted) {
      return {
        tone: 'info',
        title: 'Newsdesk commands',
        intro: 'Newsdesk follows one news story. Every answer quotes the articles and cites them.',
        items: commands.map((command) => ({ text: `/${command.name} — ${command.description}`, cites: [] })),
        citations: [],
      };
    }
    const command = commands.find((candidate) => candidate.name === wanted);
    if (!command) throw new UserFacingError(`There is no /${wanted}. Commands: ${COMMAND_NAMES.join(', ')}.`);
    return {
      tone: 'info',
      title: `/${command.name}`,
      intro: command.options.length ? command.description : `${command.description}. It takes no options.`,
      items: command.options.map((option) => ({ text: describeOption(option), cites: [] })),
      citations: [],
    };
  },
};

function describeOption(option: OptionSpec): string {
  const choices = option.choices?.length ? ` One of: ${option.choices.map((c) => c.name).join(', ')}.` : '';
  return `${option.name}${option.required ? ' (required)' : ''} — ${option.description}.${choices}`;
}
