/**
 * English irregular verbs: the past and past participle forms that a stemmer cannot bring back to
 * their base ("met" → "meet", "held" → "hold", "went"/"gone" → "go", "spoke"/"spoken" → "speak").
 * Porter strips suffixes, so "meeting" and "meets" meet at "meet" but "met" stays "met"; a report
 * of what happened ("they met on Friday") then shares no verb with the plan it fulfils ("they will
 * meet on Friday"). This is the standard table of common irregular verbs (as WordNet's verb
 * exception list carries them, which ROUGE applies before Porter), as a general language resource.
 *
 * Forms left out: those that are also a common word of their own whose reading as the verb would
 * merge unrelated words ("wound", "ground", "bound", "found" as in to found, "fed" as the central bank,
 * "lay", "bore", "bit", "born"), and those identical to their base ("put", "cut", "set", "hit").
 */

// biome-ignore format: one verb a line reads better packed
const TABLE = [
  'arise arose arisen', 'awake awoke awoken', 'beat beat beaten', 'become became become',
  'begin began begun', 'bend bent bent', 'bite - bitten', 'bleed bled bled', 'blow blew blown',
  'break broke broken', 'breed bred bred', 'bring brought brought', 'build built built',
  'burn burnt burnt', 'buy bought bought', 'catch caught caught', 'choose chose chosen',
  'cling clung clung', 'come came come', 'creep crept crept', 'deal dealt dealt', 'dig dug dug',
  'do did done', 'draw drew drawn', 'dream dreamt dreamt', 'drink drank drunk', 'drive drove driven',
  'dwell dwelt dwelt', 'eat ate eaten', 'fall fell fallen', 'feel felt felt', 'fight fought fought',
  'flee fled fled', 'fling flung flung', 'fly flew flown', 'forbid forbade forbidden',
  'foresee foresaw foreseen', 'foretell foretold foretold', 'forget forgot forgotten',
  'forgive forgave forgiven', 'forsake forsook forsaken', 'freeze froze frozen', 'get got gotten',
  'give gave given', 'go went gone', 'grow grew grown', 'hang hung hung', 'have had had',
  'hear heard heard', 'hide hid hidden', 'hold held held', 'keep kept kept', 'kneel knelt knelt',
  'know knew known', 'lay laid laid', 'lead led led', 'lean leant leant', 'leap leapt leapt',
  'learn learnt learnt', 'leave left left', 'lend lent lent', 'lie - lain', 'light lit lit',
  'lose lost lost', 'make made made', 'mean meant meant', 'meet met met', 'mislead misled misled',
  'mistake mistook mistaken', 'overcome overcame overcome', 'oversee oversaw overseen',
  'overtake overtook overtaken', 'overthrow overthrew overthrown', 'pay paid paid',
  'prove - proven', 'rebuild rebuilt rebuilt', 'ride rode ridden', 'ring rang rung',
  'rise rose risen', 'run ran run', 'say said said', 'see saw seen', 'seek sought sought',
  'sell sold sold', 'send sent sent', 'sew - sewn', 'shake shook shaken', 'shine shone shone',
  'shoot shot shot', 'show - shown', 'shrink shrank shrunk', 'sing sang sung', 'sink sank sunk',
  'sit sat sat', 'slay slew slain', 'sleep slept slept', 'slide slid slid', 'sling slung slung',
  'sow - sown', 'speak spoke spoken', 'speed sped sped', 'spell spelt spelt', 'spend spent spent',
  'spill spilt spilt', 'spin spun spun', 'spit spat spat', 'spoil spoilt spoilt',
  'spring sprang sprung', 'stand stood stood', 'steal stole stolen', 'stick stuck stuck',
  'sting stung stung', 'stink stank stunk', 'stride strode stridden', 'strike struck stricken',
  'string strung strung', 'strive strove striven', 'swear swore sworn', 'sweep swept swept',
  'swell - swollen', 'swim swam swum', 'swing swung swung', 'take took taken', 'teach taught taught',
  'tear tore torn', 'tell told told', 'think thought thought', 'throw threw thrown',
  'tread trod trodden', 'undergo underwent undergone', 'understand understood understood',
  'undertake undertook undertaken', 'uphold upheld upheld', 'wake woke woken', 'wear wore worn',
  'weave wove woven', 'weep wept wept', 'win won won', 'withdraw withdrew withdrawn',
  'withhold withheld withheld', 'withstand withstood withstood', 'wring wrung wrung',
  'write wrote written',
];

const BASE_OF: ReadonlyMap<string, string> = new Map(
  TABLE.flatMap((line) => {
    const [base, ...forms] = line.split(' ') as [string, ...string[]];
    return forms.filter((form) => form !== '-' && form !== base).map((form) => [form, base] as const);
  }),
);

/** The base form of a lower-cased irregular past or past participle ("met" → "meet"), else the word itself. */
export function baseOfIrregular(word: string): string {
  return BASE_OF.get(word) ?? word;
}

/** Every irregular form `baseOfIrregular` reads as its base. */
export function irregularForms(): Iterable<string> {
  return BASE_OF.keys();
}
