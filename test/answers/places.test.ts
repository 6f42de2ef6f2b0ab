import { describe, expect, it } from 'vitest';
import { placeScales, placesIn } from '../../src/answers/places.js';
import { tokenizeWords } from '../../src/text/tokens.js';

const places = (text: string) => placesIn(text, tokenizeWords(text)).map((words) => words.map((w) => w.raw).join(' '));

describe('placesIn', () => {
  it('finds countries and US states by name', () => {
    expect(places('Spain fined the company, and regulators in New Mexico followed.')).toEqual(['Spain', 'New Mexico']);
  });

  it('finds a town written before its state', () => {
    expect(places('The attack in Boulder, Colorado shocked the city.')).toEqual(['Boulder', 'Colorado']);
  });

  it('reads places listed with commas as one place each', () => {
    expect(places('Alerts went out in Vermont, New Mexico, Maine and Ohio.')).toEqual([
      'Vermont',
      'New Mexico',
      'Maine',
      'Ohio',
    ]);
  });

  it('finds names ending in a place word', () => {
    expect(places('The show was broadcast from New York City.')).toEqual(['New York City']);
  });

  it('does not take a company or a person for a place', () => {
    expect(places('L Brands, the parent of Victoria’s Secret, hired Tyra Banks.')).toEqual([]);
  });

  it('finds a name one is said to be in or at, though it is no place known by name', () => {
    expect(places('The ferry docked in Florø on Monday.')).toEqual(['Florø']);
    expect(places('The jet landed at Norway’s Kvam Airport.')).toEqual(['Norway', 'Kvam Airport']);
  });

  it('does not take the name one works or studies at for a place', () => {
    expect(places('She works at Brightwave and studied at Kellmont.')).toEqual([]);
    expect(places('The race was held at Kellmont.')).toEqual(['Kellmont']);
  });

  it('ends a name one is in at a capitalised word that is no name', () => {
    expect(places('The ferry sank in Kvam Monday.')).toEqual(['Kvam']);
  });

  it('does not take an owner, a person one hears from or a cut abbreviation for a place one is in', () => {
    expect(places('It came up in Berg’s speech and in a letter from Anna Berg.')).toEqual([]);
    expect(places('Mass was said at St. Olav’s church.')).toEqual([]);
  });
});

describe('placeScales', () => {
  const scales = (text: string, name: string) => {
    const place = placesIn(text, tokenizeWords(text)).find((words) => words.map((w) => w.raw).join(' ') === name);
    return [...placeScales(text, place!)].sort();
  };

  it('knows countries, US states and continents by name', () => {
    expect(scales('Laos and Vermont signed.', 'Laos')).toEqual(['country']);
    expect(scales('Laos and Vermont signed.', 'Vermont')).toEqual(['state']);
    expect(scales('Cases rose in Asia.', 'Asia')).toEqual(['area']);
  });

  it('reads a place known only from how the sentence writes it as a town', () => {
    expect(scales('The ferry docked in Florø on Monday.', 'Florø')).toEqual(['city']);
    expect(scales('The fair was held in Lakeside, Ohio.', 'Lakeside')).toEqual(['city']);
    expect(scales('The fair was held in Denmark, S.C., on Friday.', 'Denmark')).toEqual(['city']);
  });
});
