/**
 * `npm run invite`: prints the URL that adds Newsdesk to a server, asking for exactly the
 * permissions it uses (see invite-url.ts) and nothing more.
 */
import { config as loadDotenv } from 'dotenv';
import { readConfig } from '../config.js';
import { resolveApplicationId } from './application-id.js';
import { inviteUrl } from './invite-url.js';

function main(): number {
  loadDotenv({ quiet: true });
  try {
    const config = readConfig();
    process.stdout.write(`${inviteUrl(resolveApplicationId(config.discordApplicationId, config.discordToken))}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
}

process.exitCode = main();
