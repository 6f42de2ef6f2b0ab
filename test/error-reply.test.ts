import { describe, expect, it } from 'vitest';
import type { CommandDefinition } from '../src/command.js';
import { runLine } from '../src/console/run-line.js';
import { replyToError } from '../src/error-reply.js';
import { UserFacingError } from '../src/errors.js';
import type { Services } from '../src/services.js';
import { capturingLogger } from './support/capturing-logger.js';

const failing = (err: Error): CommandDefinition => ({
  name: 'failing',
  description: 'Throws what it is given',
  options: [],
  run: () => {
    throw err;
  },
});

/** A reply with its incident id blanked, to compare two transports' words. */
const withoutIncident = (text: string | undefined) => text?.replace(/incident [0-9a-f]{8}/, 'incident ?');

describe('the one error policy', () => {
  it('shows a UserFacingError as written, privately, with no incident', () => {
    const { logger, lines } = capturingLogger();
    const result = replyToError(new UserFacingError('No article matches that.'), logger);
    expect(result).toMatchObject({ outcome: 'refused', reply: { tone: 'error', intro: 'No article matches that.' } });
    expect(result.reply.ephemeral).toBe(true);
    expect(result.incident).toBeUndefined();
    expect(lines.map((line) => line.level)).toEqual([20]);
  });

  it('logs anything else in full under an incident id, and apologises quoting only that id', () => {
    const { logger, lines } = capturingLogger();
    const result = replyToError(new TypeError('secret internals'), logger, 'interaction failed', { command: 'x' });
    expect(result.outcome).toBe('failed');
    expect(result.incident).toMatch(/^[0-9a-f]{8}$/);
    expect(result.reply.intro).toContain(`report incident ${result.incident}`);
    expect(result.reply.intro).not.toContain('secret');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 50,
      msg: 'interaction failed',
      incident: result.incident,
      command: 'x',
      err: { type: 'TypeError', message: 'secret internals' },
    });
  });

  it('is what the console answers with, word for word', async () => {
    for (const err of [new UserFacingError('Please ask nicely.'), new RangeError('a bug')]) {
      const { logger } = capturingLogger();
      const { reply } = await runLine('/failing', { commands: [failing(err)], services: {} as Services, logger });
      const expected = replyToError(err, capturingLogger().logger).reply;
      expect({ ...reply, intro: withoutIncident(reply.intro) }).toEqual({
        ...expected,
        intro: withoutIncident(expected.intro),
      });
    }
  });
});
