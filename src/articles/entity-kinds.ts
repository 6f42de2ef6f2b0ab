import type { EntityKind } from './people.js';

/** A word anywhere in a name that marks an organisation ("New York Times", "Bay Business Network"). */
// biome-ignore format: a word list reads better packed
const ORGANISATION_WORDS = new Set([
  'times', 'post', 'news', 'network', 'party', 'committee', 'department', 'ministry', 'council', 'commission',
  'court', 'congress', 'senate', 'university', 'college', 'institute', 'foundation', 'association', 'union',
  'group', 'inc.', 'corp.', 'co.', 'ltd.', 'company', 'corporation', 'bureau', 'service', 'office', 'agency',
  'administration', 'organization', 'organisation', 'journal', 'tribune', 'magazine', 'channel', 'airlines',
  'bank', 'fund', 'campaign', 'house', 'kremlin', 'pentagon', 'reuters', 'press', 'herald', 'gazette',
  'telegraph', 'guardian', 'observer', 'review', 'daily', 'radio', 'television', 'tv', 'motors', 'police',
  'army', 'navy', 'force', 'forces', 'guard', 'caucus', 'parliament', 'assembly', 'cabinet', 'government',
  'team', 'club', 'league', 'federation', 'alliance', 'coalition', 'movement', 'center', 'centre', 'society',
  'board', 'authority', 'bloomberg', 'politifact', 'twitter', 'facebook', 'google', 'apple', 'microsoft',
  'amazon', 'instagram', 'youtube', 'msnbc', 'cnn', 'cbs', 'nbc', 'abc', 'bbc', 'fox', 'npr', 'pbs', 'axios',
  'politico', 'breitbart', 'huffpost', 'nato', 'fbi', 'cia', 'nsa', 'un', 'eu', 'ap', 'afp', 'tass', 'interfax',
  'ria', 'kyiv', 'isis', 'hamas', 'hezbollah', 'taliban', 'gop', 'dnc', 'rnc', 'nypd', 'lapd', 'pac', 'llc',
]);

/** Countries, regions and cities often in the news, lower-cased; enough for "where easy". */
// biome-ignore format: a word list reads better packed
const PLACES = new Set([
  'us', 'u.s.', 'usa', 'united states', 'america', 'uk', 'u.k.', 'britain', 'great britain', 'united kingdom',
  'england', 'scotland', 'wales', 'ireland', 'russia', 'ukraine', 'germany', 'france', 'italy', 'spain',
  'poland', 'finland', 'sweden', 'norway', 'denmark', 'netherlands', 'belgium', 'austria', 'switzerland',
  'hungary', 'romania', 'turkey', 'greece', 'portugal', 'estonia', 'latvia', 'lithuania', 'belarus',
  'moldova', 'georgia', 'armenia', 'azerbaijan', 'china', 'japan', 'india', 'pakistan', 'afghanistan',
  'iran', 'iraq', 'syria', 'israel', 'gaza', 'lebanon', 'jordan', 'egypt', 'saudi arabia', 'qatar',
  'yemen', 'north korea', 'south korea', 'korea', 'taiwan', 'vietnam', 'canada', 'mexico', 'brazil',
  'argentina', 'venezuela', 'cuba', 'colombia', 'australia', 'new zealand', 'south africa', 'nigeria',
  'kenya', 'ethiopia', 'europe', 'asia', 'africa', 'middle east', 'crimea', 'donbas', 'donetsk', 'luhansk',
  'zaporizhzhia', 'kherson', 'kharkiv', 'moscow', 'kyiv', 'kiev', 'washington', 'london', 'paris', 'berlin',
  'brussels', 'beijing', 'tokyo', 'alaska', 'new york', 'california', 'texas', 'florida',
  'ohio', 'pennsylvania', 'michigan', 'wisconsin', 'virginia', 'north carolina', 'arizona', 'nevada',
  'iowa', 'new hampshire', 'colorado', 'illinois', 'chicago', 'los angeles', 'philadelphia', 'boston',
  'atlanta', 'miami', 'geneva', 'istanbul', 'riyadh', 'helsinki', 'warsaw', 'rome', 'vatican', 'tehran',
  'jerusalem', 'tel aviv', 'st. petersburg', 'minsk', 'odesa', 'odessa', 'massachusetts', 'minnesota',
  'missouri', 'indiana', 'kentucky', 'tennessee', 'alabama', 'louisiana', 'utah', 'oregon', 'maryland',
  'new jersey', 'connecticut', 'south carolina', 'west virginia', 'oklahoma', 'kansas', 'nebraska',
  'arkansas', 'mississippi', 'vermont', 'maine', 'hawaii', 'idaho', 'montana', 'wyoming', 'new mexico',
  'washington d.c.', 'd.c.', 'manhattan', 'brooklyn', 'queens', 'bronx', 'harlem', 'belize', 'burma',
]);

/** Last words that mark a place ("Jersey City", "Fairfax County"). */
const PLACE_TAILS = new Set([
  'city',
  'county',
  'island',
  'islands',
  'river',
  'mountains',
  'province',
  'region',
  'oblast',
]);

/** Last words that make a name an event or an act, not an actor ("Crimean War", "Clean Air Act"). */
// biome-ignore format: a word list reads better packed
const EVENT_TAILS = new Set([
  'war', 'wars', 'crisis', 'conflict', 'summit', 'treaty', 'accord', 'accords', 'pact', 'election', 'elections',
  'olympics', 'games', 'revolution', 'act', 'initiative', 'doctrine', 'uprising', 'invasion', 'massacre',
]);

/** Words that never name anyone on their own even when capitalised (days, months, demonyms…). */
// biome-ignore format: a word list reads better packed
const NOT_NAMES = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february',
  'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'sept.', 'jan.', 'feb.', 'aug.', 'oct.', 'nov.', 'dec.', 'jan', 'feb', 'aug', 'sept', 'oct',
  'nov', 'dec', 'i', 'god', 'internet', 'democrats', 'republicans',
  'americans', 'russians', 'ukrainians', 'europeans', 'democrat', 'republican', 'democratic', 'christmas',
  'easter', 'ok', 'okay', 'yes', 'no', 'tv', 'mr.', 'mrs.', 'ms.', 'dr.', 'quote', 'details', 'source',
  'update', 'updated', 'editor', 'note', 'photo', 'video', 'watch', 'read', 'related', 'advertisement',
]);

/** Nationality and group adjectives: "Norwegian Minister" is a title, "European Allies" no one's name. */
// biome-ignore format: a word list reads better packed
const DEMONYMS = new Set([
  'russian', 'ukrainian', 'european', 'american', 'british', 'german', 'french', 'chinese', 'iranian',
  'israeli', 'palestinian', 'syrian', 'mexican', 'canadian', 'african', 'asian', 'arab', 'muslim', 'jewish',
  'catholic', 'hispanic', 'latino', 'latina', 'indian', 'japanese', 'korean', 'italian', 'spanish', 'polish',
  'turkish', 'finnish', 'western', 'eastern', 'soviet', 'allied', 'allies', 'dutch', 'swedish', 'belarusian',
  'georgian', 'saudi', 'egyptian', 'iraqi', 'afghan', 'pakistani', 'australian', 'brazilian', 'cuban', 'irish',
  'scottish', 'welsh', 'english', 'nordic', 'baltic', 'estonian', 'latvian', 'lithuanian', 'hungarian',
]);

export function isDemonym(lower: string): boolean {
  return DEMONYMS.has(lower);
}

export function isNotName(lower: string): boolean {
  return NOT_NAMES.has(lower);
}

export function isPlace(lowerName: string): boolean {
  return PLACES.has(lowerName);
}

/** True when a word marks its name as an organisation. */
export function isOrganisationWord(lower: string): boolean {
  return ORGANISATION_WORDS.has(lower);
}

/**
 * Kind of a name with no title before it, from its own words: organisation words or an acronym,
 * a known place or place word, otherwise a person when it looks like a given name and surname.
 */
export function classifyName(words: readonly string[], lowers: readonly string[]): EntityKind {
  const full = lowers.join(' ');
  if (PLACES.has(full)) return 'place';
  if (lowers.length > 1 && EVENT_TAILS.has(lowers.at(-1)!)) return 'other';
  if (lowers.some((word) => ORGANISATION_WORDS.has(word))) return 'organisation';
  if (words.length === 1 && /^[\p{Lu}&.]{2,6}$/u.test(words[0]!)) return 'organisation';
  if (PLACE_TAILS.has(lowers.at(-1)!)) return 'place';
  if (DEMONYMS.has(lowers[0]!)) return 'other';
  if (lowers.includes('of') || lowers.includes('the') || lowers.includes('and')) return 'other';
  if (words.length >= 2 && words.length <= 4) return 'person';
  return 'other';
}

/** Nouns that, anywhere in a name, make it a place one can be at ("Joint Base …", "… Airport"). */
// biome-ignore format: a word list reads better packed
const PLACE_WORDS = new Set([
  'base', 'airport', 'airfield', 'palace', 'square', 'street', 'avenue', 'boulevard', 'stadium', 'plaza',
  'cathedral', 'harbour', 'harbor', 'bridge', 'embassy', 'headquarters',
]);

/** After a name, nouns that make it a medium one posts on: "his Chirp Social platform", "a Facebook post". */
const MEDIUM_NOUNS = new Set(['post', 'platform', 'account', 'page', 'feed', 'livestream', 'app']);
/** Words that open the noun phrase of such a medium ("a …", "his …", "on …"); "Holm post" alone is ambiguous. */
const MEDIUM_OPENERS = new Set([
  'a',
  'an',
  'the',
  'his',
  'her',
  'their',
  'its',
  'our',
  'my',
  'your',
  'on',
  'in',
  'via',
]);
/** Before a name, verbs one posts with: "wrote on X", "posted on Telegram". */
const POSTING_VERBS = new Set(['posted', 'posting', 'posts', 'wrote', 'writing', 'writes', 'tweeted', 'shared']);
/** After a name, verbs whose subject is an outlet: "The Associated Press reports", "AP quoted". */
const REPORTING_VERBS = new Set(['reported', 'reports', 'quoted', 'cites', 'cited', 'broadcast', 'published']);
/** Before a name, verbs of arriving: "arrived at Joint Base …", "landed in …". */
const ARRIVAL_VERBS = new Set(['arrived', 'arrive', 'arrives', 'arriving', 'landed', 'lands', 'landing']);

interface ContextToken {
  lower: string;
  capital: boolean;
  possessive: boolean;
}

/**
 * The kind a name's own surroundings give it, whatever its words look like: a platform one posts
 * on, an outlet that reports ("as reported by Reuters", "per Harbour Radio", "AP quoted"), a place one
 * arrives at or that names a place noun. Null when the text says nothing either way.
 */
export function kindFromContext(
  before: readonly ContextToken[],
  words: readonly string[],
  lowers: readonly string[],
  after: readonly ContextToken[],
): EntityKind | null {
  const [next, afterNext] = after;
  const [previous, beforePrevious] = [before.at(-1), before.at(-2)];
  const word = (token: ContextToken | undefined) => (token && !token.capital ? token.lower : '');
  if (MEDIUM_NOUNS.has(word(next)) && MEDIUM_OPENERS.has(word(previous))) return 'other';
  // "Bay Business Network’s “Tideline,”": a name alone in quotation marks after an owner is a title
  // (a programme, a column), never a person.
  const closes =
    /^[”"’]$/.test(next?.lower ?? '') || (/^[,.]$/.test(next?.lower ?? '') && /^[”"’]$/.test(afterNext?.lower ?? ''));
  if (/^[“"‘]$/.test(previous?.lower ?? '') && beforePrevious?.possessive && closes) return 'other';
  if (word(previous) === 'on' && POSTING_VERBS.has(word(beforePrevious))) return 'other';
  // "per Harbour Radio", "Source: Coastal Herald": a credit line names an outlet.
  if (word(previous) === 'per' || (previous?.lower === ':' && /^sources?$/.test(beforePrevious?.lower ?? ''))) {
    return 'organisation';
  }
  // Reporters report too ("Julie Davis reported", "McCrummen reported"): only a name shaped like no
  // person's (several words, or an acronym) is an outlet here.
  const reported =
    (REPORTING_VERBS.has(word(next)) && word(afterNext) !== 'to') ||
    (word(previous) === 'by' && REPORTING_VERBS.has(word(beforePrevious))) ||
    (next?.lower === ',' && word(afterNext) === 'citing');
  const acronym = words.length === 1 && /^[\p{Lu}&.]{2,6}$/u.test(words[0]!);
  if (reported && (acronym || words.length > 1) && classifyName(words, lowers) !== 'person') return 'organisation';
  const placeWord = lowers.some((lower) => PLACE_WORDS.has(lower));
  if (PLACE_WORDS.has(lowers.at(-1)!) || (placeWord && !lowers.some((lower) => ORGANISATION_WORDS.has(lower)))) {
    return 'place';
  }
  if ((word(previous) === 'at' || word(previous) === 'in') && ARRIVAL_VERBS.has(word(beforePrevious))) return 'place';
  // "Lakeside, Ohio", "DULUTH, Minnesota": a name followed by a comma and a known region is a place in it.
  if (next?.lower === ',' && afterNext?.capital && PLACES.has(afterNext.lower) && !PLACES.has(lowers.join(' '))) {
    if (classifyName(words, lowers) !== 'organisation') return 'place';
  }
  return null;
}
