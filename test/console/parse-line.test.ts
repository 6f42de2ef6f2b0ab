import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { completeLine, parseLine } from '../../src/console/parse-line.js';
import { UserFacingError } from '../../src/errors.js';

describe('reading a console line', () => {
  it('reads named options written as name: value', () => {
    const { command, raw } = parseLine('/summary length: short since: 2025-08-01', commands);
    expect(command.name).toBe('summary');
    expect(raw).toEqual({ length: 'short', since: '2025-08-01' });
  });

  it('gives the words after a command to its main option', () => {
    expect(parseLine('/ask when could the meeting happen?', commands).raw).toEqual({
      question: 'when could the meeting happen?',
    });
    expect(parseLine('/ask question: when could the meeting happen?', commands).raw).toEqual({
      question: 'when could the meeting happen?',
    });
    expect(parseLine('/quote Leavitt about: the meeting', commands).raw).toEqual({
      speaker: 'Leavitt',
      about: 'the meeting',
    });
  });

  it('treats a line without a slash as a question', () => {
    const { command, raw } = parseLine('who met in Alaska?', commands);
    expect(command.name).toBe('ask');
    expect(raw).toEqual({ question: 'who met in Alaska?' });
  });

  it('leaves colons that are not option names inside the text', () => {
    expect(parseLine('/ask what happened at 10:30 on the note: "no deal"?', commands).raw).toEqual({
      question: 'what happened at 10:30 on the note: "no deal"?',
    });
  });

  it('refuses an unknown command, listing the real ones', () => {
    expect(() => parseLine('/dance now', commands)).toThrow(UserFacingError);
    expect(() => parseLine('/dance now', commands)).toThrow(/\/ask, \/summary/);
  });

  it('refuses words after a command that takes none', () => {
    expect(() => parseLine('/sources please', commands)).toThrow(/takes no words/);
  });

  it('completes command names, then the option names of the command', () => {
    expect(completeLine('/sum', commands)).toEqual([['/summary'], '/sum']);
    expect(completeLine('/summary len', commands)).toEqual([['length: '], 'len']);
    expect(completeLine('/summary ', commands)[0]).toEqual(['length: ', 'article: ', 'since: ']);
  });
});
