import { describe, expect, it } from 'vitest';
import { BOT_ENTRY, parseShardCount, resolveShardCount, shardingOptions } from '../../src/discord/shards.js';
import { startFakeDiscord } from '../fake-discord/index.js';

describe('sharding options', () => {
  it.each([
    ['auto', 'auto'],
    [' AUTO ', 'auto'],
    ['4', 4],
  ] as const)('reads SHARD_COUNT=%s', (text, count) => {
    expect(parseShardCount(text)).toBe(count);
  });

  it.each(['0', '-1', '2.5', 'many', ''])('refuses SHARD_COUNT=%s', (text) => {
    expect(() => parseShardCount(text)).toThrow(RangeError);
  });

  it('runs each shard as the bot entry through tsx, in its own process', () => {
    expect(shardingOptions({ shardCount: 2, discordToken: 't' }, 2)).toEqual({
      totalShards: 2,
      token: 't',
      mode: 'process',
      execArgv: ['--import', 'tsx'],
      shardArgs: [],
      respawn: true,
    });
    expect(BOT_ENTRY).toMatch(/src[\\/]index\.ts$/);
  });

  it('keeps a fixed count without asking Discord', async () => {
    expect(await resolveShardCount({ shardCount: 3, discordToken: 't', discordApiBase: 'http://127.0.0.1:1' })).toBe(3);
  });

  it('asks GET /gateway/bot through DISCORD_API_BASE for "auto"', async () => {
    const fake = await startFakeDiscord({ log: () => {} });
    try {
      const count = await resolveShardCount({
        shardCount: 'auto',
        discordToken: fake.token,
        discordApiBase: fake.apiUrl,
      });
      expect(count).toBe(1);
      expect(fake.requests.some((r) => r.route === 'GET /gateway/bot')).toBe(true);
    } finally {
      await fake.stop();
    }
  });
});
