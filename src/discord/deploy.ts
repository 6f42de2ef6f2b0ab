/**
 * `npm run deploy`: registers Newsdesk's commands with Discord — to DISCORD_GUILD_ID when set (for
 * development: instant), otherwise globally — and does nothing when they have not changed. The bot
 * never registers on start, so restarts cost nothing against Discord's rate limits.
 */
import { config as loadDotenv } from 'dotenv';
import { commands } from '../../commands/index.js';
import { ConfigError, readConfig } from '../config.js';
import { resolveApplicationId } from './application-id.js';
import { contextMenuDefinitions } from './context-menus.js';
import { deployCommands, localDefinitions } from './registration.js';

async function main(): Promise<number> {
  loadDotenv({ quiet: true });
  let config: ReturnType<typeof readConfig>;
  try {
    config = readConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return 2;
  }
  if (!config.discordToken) {
    process.stderr.write('Set DISCORD_TOKEN to register commands (see .env.example).\n');
    return 2;
  }
  const definitions = localDefinitions(commands, contextMenuDefinitions);
  const result = await deployCommands(
    {
      token: config.discordToken,
      applicationId: resolveApplicationId(config.discordApplicationId, config.discordToken),
      guildId: config.discordGuildId,
      apiBase: config.discordApiBase,
    },
    definitions,
  );
  const names = definitions.map((definition) => definition.name).join(', ');
  process.stdout.write(
    result.action === 'unchanged'
      ? `Nothing to do: the ${result.count} ${result.scope} commands are already up to date.\n`
      : `Registered ${result.count} ${result.scope} commands: ${names}.\n`,
  );
  return 0;
}

try {
  process.exitCode = await main();
} catch (err) {
  process.stderr.write(`Could not register the commands: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
