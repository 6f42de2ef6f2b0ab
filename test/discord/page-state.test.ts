import { describe, expect, it } from 'vitest';
import { decodePageState, encodePageState, hashOptions } from '../../src/discord/page-state.js';

const USER = '123456789012345678';

describe('page button custom_ids', () => {
  it('carry command, page, user and options there and back', () => {
    const id = encodePageState(
      { command: 'quote', page: 3, userId: USER, options: { speaker: 'Leavitt', about: 'war' } },
      'n',
    );
    expect(id.length).toBeLessThanOrEqual(100);
    expect(decodePageState(id)).toEqual({
      command: 'quote',
      page: 3,
      userId: USER,
      options: { speaker: 'Leavitt', about: 'war' },
    });
  });

  it('survive option text containing the characters the format uses', () => {
    const options = { query: 'a|b,c=d%e “quoted”' };
    const id = encodePageState({ command: 'search', page: 0, userId: USER, options }, 'p');
    expect(decodePageState(id)?.options).toEqual(options);
  });

  it('fall back to a hash of the options when they would not fit in 100 characters', () => {
    const options = {
      question: 'What did the White House say about a meeting between Trump, Putin and Zelenskyy, and when?',
    };
    const id = encodePageState({ command: 'ask', page: 1, userId: USER, options }, 'n');
    expect(id.length).toBeLessThanOrEqual(100);
    expect(decodePageState(id)).toEqual({ command: 'ask', page: 1, userId: USER, optionsHash: hashOptions(options) });
  });

  it('hash the same options the same way whatever their order', () => {
    expect(hashOptions({ a: '1', b: '2' })).toBe(hashOptions({ b: '2', a: '1' }));
    expect(hashOptions({ a: '1' })).not.toBe(hashOptions({ a: '2' }));
  });

  it('give distinct ids to the Previous and Next buttons of one page', () => {
    const state = { command: 'who', page: 0, userId: USER, options: {} };
    expect(encodePageState(state, 'p')).not.toBe(encodePageState(state, 'n'));
  });

  it('are not confused with other custom_ids', () => {
    expect(decodePageState('something-else')).toBeNull();
    expect(decodePageState('pg1|n|who|-1|123|o|')).toBeNull();
  });
});
