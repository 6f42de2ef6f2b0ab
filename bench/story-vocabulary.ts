import type { Random } from './random.js';

/**
 * Word pools for the synthetic corpus: invented people with roles, places and topics of a
 * diplomatic story, and sentence templates, so generated articles read like wire copy and
 * queries hit realistic spreads of common and rare words.
 */
// biome-ignore format: word lists read better packed
export const FIRST_NAMES = [
  'Anna', 'Boris', 'Clara', 'Dmitri', 'Elena', 'Farid', 'Greta', 'Hassan', 'Ines', 'Jonas', 'Katya',
  'Lars', 'Maria', 'Nikolai', 'Olena', 'Pavel', 'Rosa', 'Sergei', 'Tanya', 'Viktor', 'Yulia', 'Zoran',
  'Amelia', 'Ben', 'Chloe', 'David', 'Emma', 'Frank', 'Grace', 'Henry', 'Isla', 'Jack', 'Kate', 'Liam',
  'Mia', 'Noah', 'Olivia', 'Peter', 'Ruth', 'Sam', 'Tom', 'Uma', 'Vera', 'Will', 'Xavier', 'Zoe',
];

// biome-ignore format: word lists read better packed
export const SURNAMES = [
  'Abramov', 'Bennett', 'Carter', 'Dubois', 'Esposito', 'Fischer', 'Gallagher', 'Horvath', 'Ivanenko',
  'Jansen', 'Kowalski', 'Lindqvist', 'Moreau', 'Nowak', 'Orlov', 'Petrenko', 'Quinn', 'Rossi',
  'Schneider', 'Tkachenko', 'Ulyanova', 'Varga', 'Walsh', 'Xu', 'Yilmaz', 'Zielinski', 'Albrecht',
  'Bondarenko', 'Castillo', 'Demir', 'Eriksen', 'Foster', 'Greco', 'Hughes', 'Ibrahim', 'Kuznetsov',
  'Lebedev', 'Marchetti', 'Nielsen', 'Okafor', 'Popescu', 'Reyes', 'Sokolova', 'Torres', 'Usmanov',
  'Volkov', 'Weber', 'Yakovlev', 'Zhukov', 'Mendes', 'Haddad', 'Kim', 'Larsen', 'Murphy', 'Novak',
];

// biome-ignore format: word lists read better packed
export const ROLES = [
  'Foreign Minister', 'Defence Minister', 'Deputy Prime Minister', 'Kremlin spokesperson',
  'US envoy', 'Secretary of State', 'National Security Adviser', 'NATO Secretary General', 'senator',
  'governor', 'ambassador to the United Nations', 'White House Press Secretary', 'presidential aide',
  'chief negotiator', 'energy minister', 'opposition leader', 'army commander', 'EU foreign policy chief',
  'economist', 'political analyst',
];

// biome-ignore format: word lists read better packed
export const PLACES = [
  'Moscow', 'Kyiv', 'Washington', 'Brussels', 'Geneva', 'Istanbul', 'Helsinki', 'Warsaw', 'Berlin',
  'Paris', 'London', 'Riyadh', 'Doha', 'Anchorage', 'Vienna', 'Budapest', 'Minsk', 'Odesa', 'Kharkiv',
  'Zaporizhzhia', 'Donetsk', 'Crimea', 'Beijing', 'Ankara', 'Rome', 'Oslo', 'Tallinn', 'Vilnius',
];

// biome-ignore format: word lists read better packed
export const TOPICS = [
  'ceasefire', 'sanctions', 'summit', 'peace talks', 'territory', 'troops', 'drone strikes', 'energy exports',
  'grain corridor', 'prisoner exchange', 'security guarantees', 'oil prices', 'frozen assets', 'tariffs',
  'air defence', 'reconstruction', 'refugees', 'nuclear plant', 'front line', 'humanitarian aid',
  'elections', 'border crossings', 'weapons deliveries', 'trade deal', 'shipping lanes', 'power grid',
];

// biome-ignore format: word lists read better packed
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

// biome-ignore format: word lists read better packed
const ADJECTIVES = [
  'constructive', 'difficult', 'productive', 'frank', 'serious', 'long', 'useful', 'tense', 'positive',
  'detailed', 'premature', 'historic', 'fragile', 'realistic', 'unacceptable', 'urgent',
];

// biome-ignore format: word lists read better packed
const CUES = ['said', 'told reporters', 'added', 'said in a statement', 'wrote in a post', 'told a news conference'];

export interface BenchPerson {
  name: string;
  surname: string;
  role: string;
  country: string;
}

export function makePeople(random: Random, count: number): BenchPerson[] {
  const people = new Map<string, BenchPerson>();
  while (people.size < count) {
    const surname = random.pick(SURNAMES);
    const name = `${random.pick(FIRST_NAMES)} ${surname}`;
    if (!people.has(name)) people.set(name, { name, surname, role: random.pick(ROLES), country: random.pick(PLACES) });
  }
  return [...people.values()];
}

/** Words a person might be quoted saying about a topic. */
export function makeQuoteText(random: Random, topic: string, place: string): string {
  const adjective = random.pick(ADJECTIVES);
  const templates = [
    `The talks on ${topic} were ${adjective}, and we will meet again in ${place} next week`,
    `Nobody should expect a quick deal on ${topic}, but the door is open`,
    `We have made it very clear that ${topic} must be part of any agreement`,
    `This is a ${adjective} moment for everyone who wants the war to end`,
    `We are ready to discuss ${topic} with anyone who is serious about peace`,
    `There will be no agreement on ${topic} without the people of ${place}`,
    `I spoke with our partners in ${place} today and the mood was ${adjective}`,
    `It is too early to say whether ${topic} will be on the table`,
  ];
  return random.pick(templates);
}

/** A paragraph quoting someone, attributed the way wire copy does it. */
export function quoteParagraph(random: Random, words: string, person: BenchPerson): string {
  const cue = random.pick(CUES);
  if (random.chance(0.5)) return `“${words},” ${person.surname} ${cue}.`;
  if (random.chance(0.5)) return `“${words},” ${person.role} ${person.name} ${cue}.`;
  return `${person.role} ${person.name} ${cue} that the ${random.pick(TOPICS)} were “${words.toLowerCase()}.”`;
}

/** A paragraph of reporting without quotes. */
export function narrativeParagraph(random: Random, people: readonly BenchPerson[], day: string): string {
  const person = random.pick(people);
  const other = random.pick(people);
  const topic = random.pick(TOPICS);
  const place = random.pick(PLACES);
  const count = random.int(2, 900);
  const sentences = [
    `${person.role} ${person.name} said on ${random.pick(WEEKDAYS)} that talks on ${topic} would continue in ${place}.`,
    `${person.surname} is expected to travel to ${place} on ${day} to meet ${other.name}, officials said.`,
    `Officials in ${place} reported ${count} incidents linked to ${topic} over the past week.`,
    `The meeting between ${person.surname} and ${other.surname} could take place as early as ${day}, according to two people familiar with the plans.`,
    `Analysts said the dispute over ${topic} remained the main obstacle to a broader agreement.`,
    `${other.name}, the ${other.role}, declined to comment on reports about ${topic}.`,
    `Markets in ${place} rose ${count % 9}.${count % 10} percent after news of the ${topic} proposal.`,
  ];
  const picked = random.shuffle(sentences).slice(0, random.int(2, 4));
  return picked.join(' ');
}
