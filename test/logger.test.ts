import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { destination, lines };
}

describe('the logger', () => {
  it('redacts tokens and API keys at the top level and inside objects', () => {
    const { destination, lines } = capture();
    const logger = createLogger({ level: 'info', destination });
    logger.info(
      {
        DISCORD_TOKEN: 'discord-secret',
        token: 'plain-secret',
        config: { discordToken: 'config-secret', OPENAI_API_KEY: 'openai-secret' },
        request: { headers: { authorization: 'Bearer header-secret' } },
        client: { options: { auth: { apiKey: 'deep-secret' } } },
        safe: 'visible',
      },
      'started',
    );
    const [line] = lines;
    expect(line).toContain('visible');
    for (const secret of [
      'discord-secret',
      'plain-secret',
      'config-secret',
      'openai-secret',
      'header-secret',
      'deep-secret',
    ]) {
      expect(line).not.toContain(secret);
    }
    expect(JSON.parse(line!)).toMatchObject({ token: '[redacted]', config: { discordToken: '[redacted]' } });
  });

  it('tags each module through a child logger and respects the level', () => {
    const { destination, lines } = capture();
    const logger = createLogger({ level: 'warn', destination });
    const child = logger.child({ module: 'startup' });
    child.info('not shown');
    child.warn({ file: 'a.txt' }, 'skipped file');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 40, module: 'startup', file: 'a.txt', msg: 'skipped file' });
  });

  it('blanks configured secret values inside error messages, stacks and causes', () => {
    const { destination, lines } = capture();
    const logger = createLogger({ level: 'info', destination, secrets: ['sk-live-abcdef123456', 'pa"ss\\word'] });
    const cause = new Error('upstream said: key sk-live-abcdef123456 is invalid');
    const err = new Error('request failed for pa"ss\\word', { cause });
    logger.error({ err }, 'model call failed: sk-live-abcdef123456');
    const [line] = lines;
    expect(line).not.toContain('sk-live-abcdef123456');
    expect(line).not.toContain('ss\\\\word');
    expect(line).toContain('[redacted]');
    expect(JSON.parse(line!).err.message).toMatch(/^request failed for \[redacted\]/);
  });

  it('blanks the password of any URL it writes, configured or not', () => {
    const { destination, lines } = capture();
    const logger = createLogger({ level: 'info', destination });
    const err = new TypeError('fetch failed: https://desk:s3cret-pass@llm.example.net/v1/chat');
    logger.warn({ err, url: 'postgres://app:other-pass@db.example.net/news' }, 'connection refused');
    const [line] = lines;
    expect(line).not.toContain('s3cret-pass');
    expect(line).not.toContain('other-pass');
    expect(line).toContain('https://desk:[redacted]@llm.example.net/v1/chat');
  });

  it('blanks a URL sign-in given as a user name alone, as private feeds and git hosts take tokens', () => {
    const { destination, lines } = capture();
    const logger = createLogger({ level: 'info', destination });
    logger.warn({ feed: 'https://ghp_feedToken123@feeds.example/atom' }, 'feed failed');
    const [line] = lines;
    expect(line).not.toContain('ghp_feedToken123');
    expect(line).toContain('https://[redacted]@feeds.example/atom');
  });

  it('leaves short values alone, which are no real credential', () => {
    const { destination, lines } = capture();
    const logger = createLogger({ level: 'info', destination, secrets: ['x'] });
    logger.info('next');
    expect(JSON.parse(lines[0]!).msg).toBe('next');
  });

  it('writes no control, bidi or zero-width character from logged text, as JSON or pretty', () => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters looked for
    const unsafe = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/;
    const typed = '/bogus\x1b]0;pwned\x07\x1bc\x9b2J\u202Eevil\u200B\\u001b';
    const json = capture();
    createLogger({ level: 'info', destination: json.destination }).warn({ line: typed }, `refused ${typed}`);
    expect(json.lines[0]).not.toMatch(unsafe);
    // Still the same JSON: what was logged reads back exactly.
    expect(JSON.parse(json.lines[0]!)).toMatchObject({ line: typed, msg: `refused ${typed}` });

    const pretty = capture();
    createLogger({ level: 'info', destination: pretty.destination, pretty: true }).warn({ line: typed }, 'refused');
    const shown = pretty.lines.join('');
    expect(shown).not.toMatch(unsafe);
    expect(shown).toContain('/bogus\\u001b]0;pwned\\u0007\\u001bc\\u009b2J\\u202eevil');
  });
});
