import { type Client, Events } from 'discord.js';
import type { FakeDiscord } from './index.js';

/**
 * Logs a discord.js client (built with `rest: { api: fake.apiUrl }`) in to the fake and resolves
 * once it is ready: the guilds, channels and threads of GUILD_CREATE are in its cache.
 */
export async function loginTo(fake: FakeDiscord, client: Client): Promise<Client> {
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(fake.token);
  await ready;
  return client;
}
