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
});
