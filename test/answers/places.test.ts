import { describe, expect, it } from 'vitest';
import { placesIn } from '../../src/answers/places.js';
import { tokenizeWords } from '../../src/text/tokens.js';

const places = (text: string) => placesIn(text, tokenizeWords(text)).map((words) => words.map((w) => w.raw).join(' '));

describe('placesIn', () => {
  it('finds countries and US states by name', () => {
    expect(places('Spain fined the company, and regulators in New Mexico followed.')).toEqual(['Spain', 'New Mexico']);
  });

  it('finds a town written before its state', () => {
    expect(places('The attack in Boulder, Colorado shocked the city.')).toEqual(['Boulder', 'Colorado']);
  });

  it('finds names ending in a place word', () => {
    expect(places('The show was broadcast from New York City.')).toEqual(['New York City']);
  });

  it('does not take a company or a person for a place', () => {
    expect(places('L Brands, the parent of Victoria’s Secret, hired Tyra Banks.')).toEqual([]);
  });
});
