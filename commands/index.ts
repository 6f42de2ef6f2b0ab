import type { CommandDefinition } from '../src/command.js';
import { ask } from './ask.js';
import { feed } from './feed.js';
import { help } from './help.js';
import { quote } from './quote.js';
import { search } from './search.js';
import { sources } from './sources.js';
import { status } from './status.js';
import { subscribe } from './subscribe.js';
import { subscriptions } from './subscriptions.js';
import { summary } from './summary.js';
import { timeline } from './timeline.js';
import { unsubscribe } from './unsubscribe.js';
import { who } from './who.js';

/** Every command, in the order help lists them. Explicit on purpose: a test checks it against the folder. */
export const commands: readonly CommandDefinition[] = [
  ask,
  summary,
  quote,
  search,
  sources,
  timeline,
  who,
  subscribe,
  unsubscribe,
  subscriptions,
  feed,
  help,
  status,
];

export function findCommand(name: string): CommandDefinition | undefined {
  const wanted = name.replace(/^\//, '').toLowerCase();
  return commands.find((command) => command.name === wanted);
}
