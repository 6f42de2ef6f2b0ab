/**
 * The words news copy uses to attribute speech: "said", "told", "according to", "wrote". Cue verbs
 * are listed in all the forms reporters use, since matching is by exact lower-case token.
 */
import type { Token } from './word-tokens.js';

// biome-ignore format: a word list reads better packed
const SPEECH_VERBS = [
  'say', 'says', 'said', 'saying', 'tell', 'tells', 'told', 'telling', 'add', 'adds', 'added', 'adding',
  'write', 'writes', 'wrote', 'writing', 'written', 'reports', 'reported', 'reporting', 'states', 'stated',
  'explains', 'explained', 'explaining', 'notes', 'noted', 'noting', 'ask', 'asks', 'asked', 'asking',
  'replies', 'replied', 'answers', 'answered', 'continues', 'continued', 'argue', 'argues', 'argued',
  'arguing', 'claim', 'claims', 'claimed', 'claiming', 'insist', 'insists', 'insisted', 'declares',
  'declared', 'announce', 'announces', 'announced', 'tweeted', 'posted', 'recall', 'recalls',
  'recalled', 'recalling', 'warn', 'warns', 'warned', 'warning', 'acknowledge', 'acknowledged', 'admit',
  'admits', 'admitted', 'concede', 'conceded', 'suggest', 'suggests', 'suggested', 'calls', 'called',
  'calling', 'describe', 'describes', 'described', 'describing', 'urge', 'urges', 'urged', 'predict',
  'predicted', 'promised', 'promises', 'vowed', 'vows', 'pledged', 'boast', 'boasted', 'complain',
  'complained', 'complains', 'joked', 'quipped', 'mused', 'shout', 'shouted', 'yell', 'yelled', 'chant',
  'chanted', 'chanting', 'sing', 'sings', 'sang', 'blasted', 'slammed', 'condemn', 'condemned', 'criticize',
  'criticized', 'criticise', 'criticised', 'praise', 'praised', 'countered', 'respond', 'responded',
  'retort', 'retorted', 'remark', 'remarked', 'observe', 'observed', 'emphasize', 'emphasized', 'emphasised',
  'stressed', 'stresses', 'conclude', 'concluded', 'confirm', 'confirmed', 'confirms', 'deny', 'denied',
  'denies', 'allege', 'alleged', 'charged', 'contend', 'contended', 'maintain', 'maintained', 'wondered',
  'testify', 'testified', 'dubbed', 'labeled', 'labelled', 'branded', 'accuse', 'accused', 'accuses',
  'demanded', 'demands', 'assert', 'asserted', 'asserts', 'mock', 'mocked', 'proclaim', 'proclaimed',
  'thunder', 'thundered', 'scoff', 'scoffed', 'raged', 'lament', 'lamented', 'laments', 'tout', 'touted',
  'touts', 'hail', 'hailed', 'exclaim', 'exclaimed', 'recount', 'recounted', 'reiterate', 'reiterated',
  'agreed', 'whispered', 'threatened', 'repeated', 'opine', 'opined', 'interject', 'interjected', 'explain',
  'declare', 'continue', 'elaborated', 'elaborates', 'confessed', 'confesses', 'compared', 'compares',
  'read', 'assured', 'concludes', 'barked', 'fumed', 'cautioned', 'retaliated', 'reacted', 'declaring',
  'cried', 'screamed', 'snapped', 'pressed', 'riffed', 'exhorted', 'remembered', 'surmised', 'referred', 'refers',
  'referring',
];

/** Participles and other forms reporters use around partial quotes ("stressing the need for…"). */
// biome-ignore format: a word list reads better packed
const MORE_CUES = [
  'call', 'stressing', 'insisting', 'declaring', 'announcing', 'describing', 'urging', 'noting', 'explaining',
  'promising', 'vowing', 'boasting', 'complaining', 'joking', 'accusing', 'demanding', 'asserting', 'mocking',
  'praising', 'criticizing', 'criticising', 'blasting', 'slamming', 'condemning', 'suggesting', 'predicting',
  'touting', 'cite', 'cites', 'cited', 'citing', 'dismiss', 'dismissed', 'dismisses', 'dismissing', 'labeling',
  'labelling', 'ruled', 'likened', 'lauded', 'reads', 'characterized', 'characterised', 'quoted', 'quoting',
  'lamenting', 'pledging', 'recounting', 'replying', 'responding', 'answering', 'continuing', 'confirming',
  'denying', 'charging', 'contending', 'maintaining', 'wondering', 'tweeting', 'posting', 'writing',
];

/** Cue verbs after which the speaker may follow ("…,” said Norrby); others take an object there. */
// biome-ignore format: a word list reads better packed
const INVERTING_CUES = new Set([
  'said', 'says', 'added', 'adds', 'asked', 'asks', 'wrote', 'writes', 'continued', 'continues', 'explained',
  'recalled', 'noted', 'replied', 'answered', 'declared', 'insisted', 'argued', 'warned', 'stated', 'observed',
  'countered', 'responded', 'remarked', 'quipped', 'joked', 'tweeted', 'reported', 'reports', 'read', 'reads',
  'exclaimed', 'concluded', 'acknowledged', 'admitted', 'conceded', 'suggested', 'announced', 'claimed',
  'declares', 'mused', 'opined', 'concludes', 'cautioned', 'reacted', 'recounted', 'stressed', 'predicted',
  'exhorted', 'remembered', 'snapped',
]);

const CUE_WORDS = new Set([...SPEECH_VERBS, ...MORE_CUES]);

export function isInvertingCue(lower: string): boolean {
  return INVERTING_CUES.has(lower);
}

/** "saying", "to accuse": the speaker is the subject of the clause the cue hangs from. */
export function isDependentCue(lower: string, before: string | undefined): boolean {
  return lower.endsWith('ing') || before === 'to';
}

/** Whether the tokens at `at` read "according to", the one cue that takes its speaker after it ("according to X"). */
export function isAccordingTo(tokens: readonly Token[], at: number): boolean {
  return tokens[at]?.lower === 'according' && tokens[at + 1]?.lower === 'to';
}

/** Words that may sit between a speaker and the cue verb ("Holm also said", "Lund has said"). */
// biome-ignore format: a word list reads better packed
const BETWEEN_SPEAKER_AND_CUE = new Set([
  'also', 'later', 'then', 'has', 'have', 'had', 'once', 'previously', 'repeatedly', 'again', 'recently',
  'initially', 'publicly', 'privately', 'simply', 'just', 'reportedly', 'quickly', 'flatly', 'bluntly',
  'would', 'will', 'could', 'might', 'may', 'did', 'does', 'do', 'often', 'always', 'further', 'first',
  'last', 'earlier', 'finally', 'angrily', 'frequently', 'himself', 'herself', 'themselves', 'famously',
  'told', 'has', 'once', 'memorably', 'separately', 'jokingly', 'sarcastically', 'openly', 'specifically',
  'explicitly', 'subsequently', 'immediately', 'proudly', 'confidently', 'similarly', 'quietly', 'loudly',
  'is', 'was', 'were', 'are', 'been', 'being', 'also', 'even', 'still', 'already', 'yesterday', 'today',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'on', 'tonight', 'never',
]);

/** Pronouns that can be a speaker. */
export const SPEAKER_PRONOUNS = new Set(['he', 'she', 'they', 'i', 'we', 'it', 'you']);

/** Determiners that open a common-noun speaker ("a source", "the mayor", "one questioner"). */
// biome-ignore format: a word list reads better packed
export const DETERMINERS = new Set([
  'the', 'a', 'an', 'one', 'another', 'his', 'her', 'their', 'its', 'some', 'two', 'three', 'several', 'many',
  'most', 'other', 'our', 'my', 'your', 'every', 'each',
]);

/** Plural nouns that can speak without a determiner ("officials said", "critics say"). */
// biome-ignore format: a word list reads better packed
export const BARE_SPEAKERS = new Set([
  'officials', 'sources', 'critics', 'aides', 'analysts', 'experts', 'residents', 'witnesses', 'officers',
  'protesters', 'supporters', 'voters', 'lawmakers', 'democrats', 'republicans', 'police', 'investigators',
  'prosecutors', 'authorities', 'observers', 'advocates', 'activists', 'researchers', 'scientists', 'doctors',
  'organizers', 'organisers', 'diplomats', 'leaders', 'insiders', 'people', 'reports', 'polls',
]);

export function isCue(lower: string): boolean {
  return CUE_WORDS.has(lower);
}

/** An adverb or auxiliary between speaker and cue; "-ly" marks an adverb only in lower case ("Kelly said"). */
export function isBetweenSpeakerAndCue(token: { lower: string; capital: boolean }): boolean {
  const { lower } = token;
  return BETWEEN_SPEAKER_AND_CUE.has(lower) || (!token.capital && lower.length > 4 && lower.endsWith('ly'));
}

/**
 * Whether a cue verb comes within three tokens from `after`, with only words that may sit between a
 * speaker and the cue before it ("Norrby said", "Ek also told"): the words before `after` speak.
 */
export function speaksNext(tokens: readonly Token[], after: number): boolean {
  for (let i = after; i < tokens.length && i < after + 3; i++) {
    const token = tokens[i]!;
    if (!token.capital && isCue(token.lower)) return true;
    if (!isBetweenSpeakerAndCue(token)) return false;
  }
  return false;
}
