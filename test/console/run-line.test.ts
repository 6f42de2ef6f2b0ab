import { describe, expect, it } from 'vitest';
import type { CommandDefinition } from '../../src/command.js';
import { runLine } from '../../src/console/run-line.js';
import { UserFacingError } from '../../src/errors.js';
import type { Services } from '../../src/services.js';
import { capturingLogger } from '../support/capturing-logger.js';

const broken: CommandDefinition = {
  name: 'broken',
  description: 'Fails like a bug would',
  options: [],
  run: () => {
    throw new TypeError('cannot read properties of undefined');
  },
};
const picky: CommandDefinition = {
  name: 'picky',
  description: 'Refuses politely',
  options: [],
  run: () => {
    throw new UserFacingError('Please ask nicely.');
  },
};
const services = {} as Services;

describe('running a console line', () => {
  it('shows a UserFacingError as written', async () => {
    const { logger } = capturingLogger();
    const result = await runLine('/picky', { commands: [picky], services, logger });
    expect(result.ok).toBe(false);
    expect(result.reply.tone).toBe('error');
    expect(result.reply.intro).toBe('Please ask nicely.');
  });

  it('apologises for a bug with an incident id and logs the full error under that id', async () => {
    const { logger, lines } = capturingLogger();
    const result = await runLine('/broken', { commands: [broken], services, logger });
    expect(result.ok).toBe(false);
    const incident = /incident ([0-9a-f]{8})/.exec(result.reply.intro ?? '')?.[1];
    expect(incident).toBeDefined();
    expect(result.reply.intro).not.toContain('cannot read');
    const logged = lines.find((line) => line.incident === incident);
    expect(logged).toMatchObject({ level: 50, command: 'broken', err: { type: 'TypeError' } });
    expect((logged!.err as { stack: string }).stack).toContain('cannot read properties');
  });

  it('hands the command its options read and typed', async () => {
    const { logger } = capturingLogger();
    const seen: unknown[] = [];
    const echo: CommandDefinition = {
      name: 'echo',
      description: 'Repeats',
      options: [
        { name: 'words', description: 'Words', type: 'string', required: true },
        { name: 'times', description: 'Times', type: 'integer' },
      ],
      run: (options) => {
        seen.push(options);
        return { tone: 'info', title: 'echo', items: [], citations: [] };
      },
    };
    const result = await runLine('/echo hello there times: 2', { commands: [echo], services, logger });
    expect(result.ok).toBe(true);
    expect(seen).toEqual([{ words: 'hello there', times: 2 }]);
  });
});
