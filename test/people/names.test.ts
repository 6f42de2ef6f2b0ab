import { describe, expect, it } from 'vitest';
import { looksLikeName, nameKey, slugOf, surnameOf } from '../../src/people/names.js';

describe('name keys', () => {
  it('gives one key to a name with or without accents, initials and honorifics', () => {
    expect(nameKey('Donald J. Trump')).toBe('donald trump');
    expect(nameKey('Mr Donald Trump')).toBe('donald trump');
    expect(nameKey('Zelénskyy')).toBe(nameKey('ZELENSKYY'));
    expect(slugOf('Inés Carvalho')).toBe('ines-carvalho');
  });

  it('keeps a generational suffix in the name but not in the surname', () => {
    expect(nameKey('Donald Trump Jr.')).not.toBe(nameKey('Donald Trump'));
    expect(surnameOf('Donald Trump Jr.')).toBe('trump');
  });

  it('tells a name from a pronoun or a lower-case description', () => {
    expect(looksLikeName('Karoline Leavitt')).toBe(true);
    expect(looksLikeName('He')).toBe(false);
    expect(looksLikeName('a spokesperson')).toBe(false);
  });
});
