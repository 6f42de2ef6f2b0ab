import { describe, expect, it } from 'vitest';
import { datelineAgency, datelineLength } from '../../src/articles/dateline.js';

const dateline = (sentence: string) => sentence.slice(0, datelineLength(sentence));

describe('datelineLength', () => {
  it('reads a place in capitals, with its region, day and agency, up to the dash', () => {
    expect(dateline('KVAM, Norway (AP) — The ferry sank.')).toBe('KVAM, Norway (AP) — ');
    expect(dateline('BRUSSELS, May 2 (Xinhua) -- Talks resumed.')).toBe('BRUSSELS, May 2 (Xinhua) -- ');
  });

  it('reads capitals of any alphabet, a particle written small and any long dash', () => {
    expect(dateline('TROMSØ, Norway ― The ferry sank.')).toBe('TROMSØ, Norway ― ');
    expect(dateline("PORTO d'ASCOLI, Italy ‒ The ferry sank.")).toBe("PORTO d'ASCOLI, Italy ‒ ");
  });

  it('refuses a lone hyphen or a lower-case word after the dash, which open an aside', () => {
    expect(datelineLength('NATO – the alliance met.')).toBe(0);
    expect(datelineLength('OSLO - The ferry sank.')).toBe(0);
  });

  it('names the agency a dateline gives', () => {
    expect(datelineAgency('KVAM, Norway (AP) — The ferry sank.')).toBe('AP');
  });
});
