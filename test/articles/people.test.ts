import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildArticle } from '../../src/articles/article.js';
import { type EntityInArticle, extractEntities } from '../../src/articles/people.js';
import type { Article } from '../../src/articles/types.js';

const SEED = join(import.meta.dirname, '../../seeds/000_fd3e603a94f0e4d4.txt');

function seedArticle(): Article {
  const raw = readFileSync(SEED, 'utf8').replace(/^\s*date\s+\S+\s*/, '');
  return buildArticle(raw, { date: '2025-08-06' }, 'seed');
}

function entity(entities: readonly EntityInArticle[], name: string): EntityInArticle {
  const found = entities.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no entity named ${name}; got ${entities.map((e) => e.name).join(', ')}`);
  return found;
}

function entitiesOf(text: string): EntityInArticle[] {
  return extractEntities(buildArticle(text, {}, 'fixture'));
}

describe('extractEntities on the seed article', () => {
  const article = seedArticle();
  const entities = extractEntities(article);

  it('finds Karoline Leavitt with her title and her surname-only mentions', () => {
    const leavitt = entity(entities, 'Karoline Leavitt');
    expect(leavitt.kind).toBe('person');
    expect(leavitt.roles).toContain('White House Press Secretary');
    expect(leavitt.aliases).toEqual(['Leavitt']);
    expect(leavitt.mentions).toBe(3);
  });

  it('splits titles from names', () => {
    expect(entity(entities, 'Marco Rubio').roles).toEqual(['Secretary of State']);
    expect(entity(entities, 'Vladimir Putin').roles).toContain('Russian President');
    expect(entity(entities, 'Mark Rutte').roles).toEqual(['NATO Secretary General']);
    expect(entity(entities, 'Steve Witkoff').roles).toEqual(['US envoy']);
  });

  it('counts surname mentions towards the full name', () => {
    const trump = entity(entities, 'Donald Trump');
    expect(trump.aliases).toContain('Trump');
    expect(trump.mentions).toBeGreaterThanOrEqual(8);
    expect(trump.spans).toHaveLength(trump.mentions);
  });

  it('tells organisations and places from people', () => {
    expect(entity(entities, 'New York Times').kind).toBe('organisation');
    expect(entity(entities, 'Fox Business Network').kind).toBe('organisation');
    expect(entity(entities, 'White House').kind).toBe('organisation');
    expect(entity(entities, 'Russia').kind).toBe('place');
    expect(entity(entities, 'Moscow').kind).toBe('place');
  });

  it('does not take sentence-opening words or nationalities for names', () => {
    const names = entities.map((candidate) => candidate.name);
    for (const word of ['Afterwards', 'The', 'Such', 'Russian', 'Ukrainian', 'In']) expect(names).not.toContain(word);
  });

  it('gives spans that slice the name or one of its aliases', () => {
    for (const found of entities) {
      for (const span of found.spans)
        expect([found.name, ...found.aliases]).toContain(article.text.slice(span.start, span.end));
    }
  });
});

describe('extractEntities rules', () => {
  it('types a name ending in an event word as a thing, not an actor ("the Tallow War")', () => {
    const entities = entitiesOf('Governor Paul Dunn wants a deal to end the Tallow War before winter.');
    expect(entity(entities, 'Tallow War').kind).toBe('other');
  });

  it('types a name followed by a comma and a known region as a place ("Millbrook, Vermont")', () => {
    const entities = entitiesOf('The trade fair opened on Monday in Millbrook, Vermont, with three hundred stalls.');
    expect(entity(entities, 'Millbrook').kind).toBe('place');
  });

  it('reads a role given in apposition', () => {
    const entities = entitiesOf('Lena Ortiz, the city’s finance director, presented the budget.');
    expect(entity(entities, 'Lena Ortiz').roles).toEqual(['city’s finance director']);
  });

  it('sends a shared surname to the full name given most recently', () => {
    const entities = entitiesOf(
      'Hillary Clinton spoke first. Clinton was brief. Later Bill Clinton took the stage. Clinton spoke for an hour.',
    );
    expect(entity(entities, 'Hillary Clinton').mentions).toBe(2);
    expect(entity(entities, 'Bill Clinton').mentions).toBe(2);
  });

  it('treats a one-word name that speaks as a person', () => {
    const entities = entitiesOf('The report was published on Monday. Caddell said the polls were close.');
    expect(entity(entities, 'Caddell').kind).toBe('person');
  });

  it('never takes an outlet, a platform, a base or a programme for a person', () => {
    const entities = entitiesOf(
      [
        'The harbour vote was delayed again on Monday, per Coastal Wire.',
        'Mayor Lena Ortiz wrote on her Bright Circle account that the delay was regrettable.',
        'The delegation arrived at Kestrel Field later that day, and toured Joint Base Moor-Halden on Tuesday.',
        'Ortiz repeated it on Harbour Radio’s “Morning Desk,” a weekly programme.',
      ].join('\n\n'),
    );
    const kindOf = (name: string) => entities.find((found) => found.name === name)?.kind;
    expect(kindOf('Coastal Wire')).toBe('organisation');
    expect(kindOf('Bright Circle')).toBe('other');
    expect(kindOf('Kestrel Field')).toBe('place');
    expect(kindOf('Joint Base Moor-Halden')).toBe('place');
    expect(kindOf('Morning Desk')).not.toBe('person');
    expect(kindOf('Lena Ortiz')).toBe('person');
  });

  it('keeps “von der” inside a name and leaves dates, plural nouns and “I’m” out', () => {
    const entities = entitiesOf(
      'The commission met in the city. Officials said Greta van der Berg would chair it from Aug 16. I’m told she agreed.',
    );
    const names = entities.map((found) => found.name);
    expect(names).toContain('Greta van der Berg');
    for (const word of ['Officials', 'Aug', 'I’m', 'Greta', 'Berg']) expect(names).not.toContain(word);
  });

  it('does not glue the organisation of a title into the name after it', () => {
    const entities = entitiesOf(
      'The envoy will travel on Friday, US Permanent Representative to NATO Mira Kallas said.',
    );
    expect(entity(entities, 'Mira Kallas').kind).toBe('person');
    expect(entities.map((found) => found.name)).not.toContain('NATO Mira Kallas');
  });

  it('ignores names in a title-case headline but finds them in the body', () => {
    const entities = entitiesOf('Stealth Over Health Was Headed To The Clinic\n\nMayor Lena Ortiz opened the clinic.');
    expect(entities.map((found) => found.name)).toEqual(['Lena Ortiz']);
  });
});
