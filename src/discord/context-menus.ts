import type { RESTPostAPIContextMenuApplicationCommandsJSONBody } from 'discord.js';
import {
  CHECK_AGAINST_SOURCES,
  checkAgainstSourcesDefinition,
  handleCheckAgainstSources,
} from './check-against-sources.js';
import type { ContextMenuHandler } from './router.js';

/** Message context menu commands: registered by `npm run deploy`, routed by name. */
export const contextMenuDefinitions: readonly RESTPostAPIContextMenuApplicationCommandsJSONBody[] = [
  checkAgainstSourcesDefinition,
];

export const contextMenuHandlers: Readonly<Record<string, ContextMenuHandler>> = {
  [CHECK_AGAINST_SOURCES]: handleCheckAgainstSources,
};
