import { PermissionFlagsBits, PermissionsBitField } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.js';
import { applicationIdFromToken, resolveApplicationId } from '../../src/discord/application-id.js';
import { inviteUrl } from '../../src/discord/invite-url.js';

const APP_ID = '1234567890123456789';

describe('Discord settings', () => {
  it('default to Discord itself, one process, no health server', () => {
    const config = parseConfig({});
    expect(config.discordApiBase).toBe('https://discord.com/api');
    expect(config.shardCount).toBeUndefined();
    expect(config.healthPort).toBeUndefined();
    expect(config.discordGuildId).toBeUndefined();
  });

  it('read a REST proxy base, a dev guild, a health port and a shard count', () => {
    const config = parseConfig({
      DISCORD_API_BASE: 'http://127.0.0.1:8080/api/',
      DISCORD_GUILD_ID: APP_ID,
      DISCORD_APPLICATION_ID: APP_ID,
      HEALTH_PORT: '9100',
      SHARD_COUNT: 'auto',
    });
    expect(config).toMatchObject({
      discordApiBase: 'http://127.0.0.1:8080/api',
      discordGuildId: APP_ID,
      discordApplicationId: APP_ID,
      healthPort: 9100,
      shardCount: 'auto',
    });
    expect(parseConfig({ SHARD_COUNT: '4' }).shardCount).toBe(4);
  });

  it('treat empty values, as copied from .env.example, as unset', () => {
    const config = parseConfig({ DISCORD_API_BASE: '', HEALTH_PORT: '', SHARD_COUNT: '', DISCORD_GUILD_ID: '' });
    expect(config.discordApiBase).toBe('https://discord.com/api');
    expect(config.shardCount).toBeUndefined();
  });

  it('refuses a port written any way but in digits', () => {
    expect(() => parseConfig({ HEALTH_PORT: '0x50' })).toThrow(ConfigError);
    expect(parseConfig({ HEALTH_PORT: '8080' }).healthPort).toBe(8080);
  });

  it('report every bad setting at once', () => {
    try {
      parseConfig({ DISCORD_API_BASE: 'ftp://x', HEALTH_PORT: '70000', SHARD_COUNT: '0', DISCORD_GUILD_ID: 'general' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      for (const key of ['DISCORD_API_BASE', 'HEALTH_PORT', 'SHARD_COUNT', 'DISCORD_GUILD_ID'])
        expect(problems).toContain(key);
    }
  });
});

describe('the application id', () => {
  it('is read from the first part of a bot token when not configured', () => {
    const token = `${Buffer.from(APP_ID).toString('base64')}.Gabcde.secret`;
    expect(applicationIdFromToken(token)).toBe(APP_ID);
    expect(resolveApplicationId(undefined, token)).toBe(APP_ID);
  });

  it('prefers the configured id and explains what to set when there is none', () => {
    expect(resolveApplicationId('9876543210987654321', 'not-a-token')).toBe('9876543210987654321');
    expect(() => resolveApplicationId(undefined, 'not-a-token')).toThrow(/DISCORD_APPLICATION_ID/);
  });
});

describe('the invite URL', () => {
  it('asks for exactly the permissions Newsdesk uses, with the bot and commands scopes', () => {
    const url = new URL(inviteUrl(APP_ID));
    expect(url.origin + url.pathname).toBe('https://discord.com/oauth2/authorize');
    expect(url.searchParams.get('client_id')).toBe(APP_ID);
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    const permissions = new PermissionsBitField(BigInt(url.searchParams.get('permissions')!));
    expect(permissions.toArray().sort()).toEqual(
      ['EmbedLinks', 'ReadMessageHistory', 'SendMessages', 'SendMessagesInThreads', 'ViewChannel'].sort(),
    );
    expect(permissions.has(PermissionFlagsBits.Administrator)).toBe(false);
  });
});
