import { describe, expect, it } from 'vitest';
import { help } from '../../commands/help.js';
import { commands } from '../../commands/index.js';
import type { Services } from '../../src/services.js';
import { run } from './helpers.js';

// /help reads no services; a value that fails loudly if it ever does.
const noServices = new Proxy({} as Services, {
  get: (_target, key) => {
    throw new Error(`/help touched services.${String(key)}`);
  },
});

describe('/help', () => {
  it('lists every command with its description', async () => {
    const reply = await run(help, noServices);
    expect(reply.items.map((item) => item.text.split(' — ')[0])).toEqual(commands.map((command) => `/${command.name}`));
  });

  it('explains one command option by option, marking the required ones', async () => {
    const reply = await run(help, noServices, { command: 'ask' });
    expect(reply.title).toBe('/ask');
    expect(reply.items[0]!.text).toMatch(/^question \(required\) — /);
  });

  it('refuses a command that does not exist', async () => {
    await expect(run(help, noServices, { command: 'dance' })).rejects.toThrow(/one of/);
  });
});
