import { describe, expect, it } from 'vitest';
import { collapseSpacing } from '../../src/text/spacing.js';

describe('collapseSpacing', () => {
  it('makes line breaks and runs of spaces one space and keeps the words as written', () => {
    expect(collapseSpacing('  The talks\n  resumed,\tOfficials said. ')).toBe('The talks resumed, Officials said.');
  });

  it('composes a letter and its separate accent so both spellings compare equal', () => {
    expect(collapseSpacing('Zele\u0301nskyy')).toBe(collapseSpacing('Zelénskyy'));
  });
});
