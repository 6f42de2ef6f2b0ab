import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_MAX_ARTICLE_BYTES, parseConfig, secretsOf } from '../src/config.js';

describe('configuration', () => {
  it('uses the defaults when nothing is set', () => {
    expect(parseConfig({}, '/app')).toEqual({
      seedsDir: resolve('/app/seeds'),
      dataDir: resolve('/app/data'),
      logLevel: 'info',
      maxArticleBytes: DEFAULT_MAX_ARTICLE_BYTES,
      discordToken: undefined,
      discordApplicationId: undefined,
      discordGuildId: undefined,
      discordApiBase: 'https://discord.com/api',
      healthPort: undefined,
      shardCount: undefined,
      isShard: false,
      watchSeeds: true,
      feeds: [],
      feedPollSeconds: 300,
      feedAllowedHosts: [],
      databaseUrl: undefined,
      allowNewDatabase: false,
      deliveryIntervalMs: 1000,
      llm: undefined,
      noColor: false,
    });
  });

  it('takes a PostgreSQL URL for subscriptions and refuses anything else', () => {
    expect(parseConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' }).databaseUrl).toBe(
      'postgres://postgres@127.0.0.1:5432/test',
    );
    expect(() => parseConfig({ DATABASE_URL: 'mysql://root@localhost/test' })).toThrow(
      /DATABASE_URL: should be a PostgreSQL URL/,
    );
  });

  it('reads every key, treating an empty value as unset', () => {
    const config = parseConfig(
      {
        SEEDS_DIR: '/news',
        DATA_DIR: 'state',
        LOG_LEVEL: 'debug',
        MAX_ARTICLE_BYTES: '2048',
        DISCORD_TOKEN: '',
        NO_COLOR: '1',
      },
      '/app',
    );
    expect(config).toMatchObject({
      seedsDir: resolve('/news'),
      dataDir: resolve('/app/state'),
      logLevel: 'debug',
      maxArticleBytes: 2048,
      discordToken: undefined,
      noColor: true,
    });
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      parseConfig({ LOG_LEVEL: 'chatty', MAX_ARTICLE_BYTES: '-5' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems).toHaveLength(2);
    expect(message).toContain('LOG_LEVEL: should be one of trace, debug, info, warn, error, fatal, silent');
    expect(message).toContain('MAX_ARTICLE_BYTES: should be more than 0');
  });

  it("takes the model's settings, its context window included, only with a key", () => {
    expect(parseConfig({ LLM_CONTEXT_TOKENS: '32768' }).llm).toBeUndefined();
    expect(parseConfig({ OPENAI_API_KEY: 'sk-test', LLM_CONTEXT_TOKENS: '32768' }).llm).toMatchObject({
      model: 'gpt-4o-mini',
      contextTokens: 32768,
      timeoutMs: 20_000,
    });
    expect(parseConfig({ OPENAI_API_KEY: 'sk-test' }).llm?.contextTokens).toBe(8192);
    expect(() => parseConfig({ OPENAI_API_KEY: 'sk-test', LLM_CONTEXT_TOKENS: '2048' })).toThrow(
      /LLM_CONTEXT_TOKENS: should be at least 4096/,
    );
  });

  it('refuses waits longer than a timer can hold, which Node would cut to 1 ms and repeat at once', () => {
    const env = { OPENAI_API_KEY: 'sk-test' };
    expect(() => parseConfig({ ...env, FEED_POLL_SECONDS: '1e12' })).toThrow(/FEED_POLL_SECONDS: should be at most/);
    expect(() => parseConfig({ ...env, DELIVERY_INTERVAL_MS: '3000000000' })).toThrow(
      /DELIVERY_INTERVAL_MS: should be at most/,
    );
    expect(() => parseConfig({ ...env, LLM_TIMEOUT_MS: '1e10' })).toThrow(/LLM_TIMEOUT_MS: should be at most/);
    expect(parseConfig({ ...env, FEED_POLL_SECONDS: '86400' }).feedPollSeconds).toBe(86_400);
  });

  it('refuses a byte limit that is not a number', () => {
    expect(() => parseConfig({ MAX_ARTICLE_BYTES: 'lots' })).toThrow(/MAX_ARTICLE_BYTES: should be a number of bytes/);
  });
});

describe('secretsOf', () => {
  it('lists the tokens, the key, and the passwords inside URLs, as written and decoded', () => {
    const config = parseConfig({
      DISCORD_TOKEN: 'discord-token-value',
      OPENAI_API_KEY: 'sk-key-value',
      OPENAI_BASE_URL: 'https://desk:p%40ss-word@llm.example.net/v1',
      DATABASE_URL: 'postgres://app:db-password@db.example.net/news',
    });
    expect(secretsOf(config)).toEqual(
      expect.arrayContaining(['discord-token-value', 'sk-key-value', 'p%40ss-word', 'p@ss-word', 'db-password']),
    );
  });
});

describe('FEED_ALLOWED_HOSTS', () => {
  it('reads host names and IP addresses, lower-cased, and none by default', () => {
    expect(parseConfig({}).feedAllowedHosts).toEqual([]);
    expect(parseConfig({ FEED_ALLOWED_HOSTS: ' Feeds.LAN, 127.0.0.1 ,::1' }).feedAllowedHosts).toEqual([
      'feeds.lan',
      '127.0.0.1',
      '::1',
    ]);
  });

  it('refuses URLs and ports, which name more than a host', () => {
    expect(() => parseConfig({ FEED_ALLOWED_HOSTS: 'http://feeds.lan' })).toThrow(/FEED_ALLOWED_HOSTS/);
    expect(() => parseConfig({ FEED_ALLOWED_HOSTS: 'feeds.lan:8080' })).toThrow(/FEED_ALLOWED_HOSTS/);
  });
});
