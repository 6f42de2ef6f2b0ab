import { describe, expect, it } from 'vitest';
import { textKey } from '../../src/text/text-key.js';

describe('textKey', () => {
  it('names equal texts alike and tells apart texts differing in one character, their order or their length', () => {
    const said = 'The ferry will resume its crossings on Monday, the port said.';
    expect(textKey(said)).toBe(textKey(`${said.slice(0, 20)}${said.slice(20)}`));
    const variants = [said, said.replace('Monday', 'Sunday'), said.replace('.', '!'), `${said} `, 'ab', 'ba', '', 'a'];
    expect(new Set(variants.map(textKey)).size).toBe(variants.length);
    expect(Number.isSafeInteger(textKey(said))).toBe(true);
  });
});
