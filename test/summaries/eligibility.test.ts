import { describe, expect, it } from 'vitest';
import { ineligibility, quotedShare } from '../../src/summaries/eligibility.js';

describe('ineligibility', () => {
  it('accepts an ordinary news sentence', () => {
    expect(ineligibility('The council voted on Tuesday to close the old library by the end of June.')).toBeNull();
  });

  it('rejects bylines and publication datelines', () => {
    expect(ineligibility('By . Jane Doe and Sam Smith for the Evening Paper today .')).toBe('boilerplate');
    expect(ineligibility('PUBLISHED: . 09:12 EST, 2 April 2015 . | . UPDATED: . 11:40 EST, 2 April 2015 .')).toBe(
      'boilerplate',
    );
  });

  it('rejects calls to click, scroll or follow', () => {
    expect(ineligibility('Scroll down for video of the moment the roof gave way above the crowd.')).toBe('boilerplate');
  });

  it('rejects a credit opened by a label and a colon, keeping labelled content that ends as a sentence', () => {
    expect(ineligibility('Source: The Harbour Gazette, citing Mayor Lena Voss on her channel (video)')).toBe(
      'boilerplate',
    );
    expect(ineligibility('Image credit: Tom Arkell for the Valley Herald (archive picture)')).toBe('boilerplate');
    expect(
      ineligibility('Details: Voss said that the harbour repairs would start in May and cost about two million.'),
    ).toBeNull();
    expect(ineligibility('Mayor Lena Voss: “We will reopen the harbour to every ferry in June”')).toBeNull();
  });

  it('rejects sentences too short to say anything', () => {
    expect(ineligibility('He left.')).toBe('too_short');
  });

  it('rejects run-on text longer than a reader can take in', () => {
    expect(ineligibility(`${'word '.repeat(80)}end.`)).toBe('too_long');
  });

  it('rejects a short heading without closing punctuation', () => {
    expect(ineligibility('Bridge repairs to start next week in town centre')).toBe('heading');
  });

  it('rejects a quotation with no one to attribute it to', () => {
    expect(ineligibility('“We will rebuild every house that was lost in the flood this winter.”')).toBe(
      'quote_fragment',
    );
  });

  it('accepts a quotation that names its speaker', () => {
    expect(ineligibility('“We will rebuild every house that was lost in the flood,” the mayor said.')).toBeNull();
  });
});

describe('quotedShare', () => {
  it('measures the share of characters inside quotation marks', () => {
    expect(quotedShare('no quotes here')).toBe(0);
    expect(quotedShare('“all quoted”')).toBe(1);
    expect(quotedShare('He said "yes" twice.')).toBeCloseTo(5 / 20, 10);
  });
});
