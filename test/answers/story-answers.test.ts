import { afterEach, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answers/answer-question.js';
import { answerReply, NOT_ENGLISH } from '../../src/answers/answer-reply.js';
import { buildArticle } from '../../src/articles/article.js';
import type { Article } from '../../src/articles/types.js';
import { createIndexedCorpus, type IndexedCorpus } from '../../src/corpus/indexed-corpus.js';

/** A small developing story, written for these tests: a harbour project over three weeks. */
const early = buildArticle(
  [
    'Mayor Lina Ek and Governor Per Holm will meet to discuss the new harbour bridge.',
    'The meeting between Mayor Lina Ek and Governor Per Holm will be held in Oslo, Norway, officials said.',
    'Mayor Lina Ek said the bridge would cost less than the old ferry.',
  ].join('\n\n'),
  { title: 'Mayor and governor to meet on harbour bridge', date: '2025-03-01' },
  'early',
);
const later = buildArticle(
  [
    'Mayor Lina Ek and Governor Per Holm have agreed on a date for their harbour bridge meeting.',
    'The meeting between Mayor Lina Ek and Governor Per Holm will be held in Bergen, Norway, the organisers announced.',
    'Governor Per Holm said he expected 40 engineers to work on the bridge.',
    'Mayor Lina Ek and Governor Per Holm will sign the agreement on 14 March.',
  ].join('\n\n'),
  { title: 'Harbour bridge meeting moved', date: '2025-03-05' },
  'later',
);
const newest = buildArticle(
  [
    'Mayor Lina Ek and Governor Per Holm signed the harbour bridge agreement in Bergen.',
    'Construction of the harbour bridge will start in May, Governor Per Holm said.',
  ].join('\n\n'),
  { title: 'Harbour bridge agreement signed', date: '2025-03-14' },
  'newest',
);

describe('answers across the articles of one story', () => {
  let desk: IndexedCorpus | undefined;
  const open = (articles: readonly Article[]) => {
    desk = createIndexedCorpus(articles);
    return desk;
  };
  const ask = (question: string, articles: readonly Article[] = [early, later, newest]) => {
    const deps = open(articles);
    const answer = answerQuestion(question, deps);
    return { answer, reply: answerReply(question, answer, deps.corpus) };
  };
  afterEach(() => desk?.index.close());

  it('cites the sentence holding the kind of thing asked for over an article lead that repeats the question', () => {
    const { answer } = ask('How many engineers will work on the bridge?');
    expect(answer.evidence[0]?.text).toContain('40 engineers');
  });

  it('opens with a short answer cut verbatim from the sentence it cites', () => {
    const { answer, reply } = ask('How many engineers will work on the bridge?');
    expect(answer.short).toBeDefined();
    expect(answer.evidence[0]?.text).toContain(answer.short);
    expect(reply.items[0]?.text.startsWith(`${answer.short} — `)).toBe(true);
  });

  it("refuses a question the story doesn't cover although every sentence names its people", () => {
    const { answer, reply } = ask('What did the finance minister say about the bridge?');
    expect(answer.status).toBe('not_found');
    expect(reply.intro).toMatch(/^The articles don't say: “What did the finance minister say about the bridge\?”/);
  });

  it('refuses a look-up whose names are in every article when no sentence says what it asks of them', () => {
    const { answer } = ask('Where in Norway will Governor Per Holm put the toll booths?');
    expect(answer.status).toBe('not_found');
  });

  it('refuses "how much …?" when the only numbers about it are dates', () => {
    const { answer } = ask('How much money will Governor Per Holm spend on the harbour bridge?');
    expect(answer.status).toBe('not_found');
  });

  it('answers "which base …?" with the name that holds the word base', () => {
    const visit = buildArticle(
      [
        'Governor Per Holm will fly to Stavanger on Friday to meet Mayor Lina Ek, officials in Oslo said.',
        'The plane carrying Governor Per Holm will land at Sola Air Base near Stavanger.',
      ].join('\n\n'),
      { title: 'Governor Per Holm to visit Stavanger', date: '2025-03-21' },
      'visit',
    );
    const { answer } = ask('At which air base will Governor Per Holm land in Stavanger?', [visit]);
    expect(answer.evidence[0]?.text).toContain('Sola Air Base');
  });

  it('answers "what is the monthly cost of …?" with the sentence giving an amount, not a lead with a year', () => {
    const passes = buildArticle(
      [
        'A Tromsø man was fined in 2024 for riding the Nordlys ferry without a pass.',
        'The ferry runs twice a day between Tromsø and Skjervøy.',
        'The Nordlys pass starts at $240 for a season, the operator said.',
      ].join('\n\n'),
      { title: 'Ferry passes', date: '2025-04-01' },
      'passes',
    );
    const { answer } = ask('What is the monthly cost of the Nordlys ferry pass?', [passes]);
    expect(answer.evidence[0]?.text).toContain('$240');
  });

  it('answers "where …?" with a place written as a location ("in Canada"), not one naming who spoke ("its Oslo owners")', () => {
    const rescue = buildArticle(
      [
        'Passengers were rescued on Tuesday after the Nordlys ferry ran aground, its Oslo owners said.',
        'Rescuers reached the ferry within an hour.',
      ].join('\n\n'),
      { title: 'Ferry news', date: '2025-04-01' },
      'rescue',
    );
    const inquiry = buildArticle(
      [
        'Investigators will ask why the Nordlys ferry was stranded in Canada last week.',
        'The board will lead it.',
      ].join('\n\n'),
      { title: 'Ferry news', date: '2025-04-01' },
      'inquiry',
    );
    const { answer } = ask('Where did the Nordlys ferry run aground?', [rescue, inquiry]);
    expect(answer.evidence[0]?.text).toContain('in Canada');
  });

  it.each([
    'A new flu variant called Kestrel is driving the winter wave, the institute said.',
    'The institute said Kestrel, a new flu variant, is driving the winter wave.',
    'The winter wave is driven by the flu variant of Kestrel, the institute said.',
  ])('answers "which variant …?" with the sentence saying a name is one: %j', (naming) => {
    const wave = buildArticle(
      [
        'Flu cases in Tromsø rose sharply this winter, said Berg.',
        'Hospitals in Tromsø have opened extra wards.',
        naming,
      ].join('\n\n'),
      { title: 'Flu wave', date: '2025-01-10' },
      'wave',
    );
    const { answer } = ask('Which flu variant is driving the winter wave in Tromsø?', [wave]);
    expect(answer.evidence[0]?.text).toContain('Kestrel');
  });

  it('answers "which gallery …?" with the sentence naming a gallery, though it repeats little of the question', () => {
    const loan = buildArticle(
      [
        'The loan came from the Kvale Gallery, curators said on Monday.',
        'A damaged Viking sword was accidentally sent north for the Tromsø winter exhibition this year.',
        'Curators noticed the crack on Monday.',
      ].join('\n\n'),
      { title: 'Sword news', date: '2025-06-02' },
      'loan',
    );
    const { answer } = ask(
      'Which gallery accidentally lent a damaged Viking sword to the Tromsø winter exhibition this year?',
      [loan],
    );
    expect(answer.evidence[0]?.text).toContain('Kvale Gallery');
  });

  it('reads a closed compound of the question ("sunroof") in a sentence that writes it open ("sun roofs")', () => {
    const recall = buildArticle(
      [
        'Nordbil is calling back 4,000 cars over faulty sun roofs, the company said.',
        'Owners will get letters this month.',
      ].join('\n\n'),
      { title: 'Car news', date: '2025-02-01' },
      'recall',
    );
    const { answer } = ask('Which carmaker issued a sunroof recall this week over faulty sensors?', [recall]);
    expect(answer.status).toBe('answered');
    expect(answer.evidence[0]?.text).toContain('Nordbil');
  });

  it('does not count a question word in another form ("Canadian" for "Canada") as the article\'s salient new name', () => {
    const plans = buildArticle(
      [
        'Many Canadian officials said the new ferry will be built this year.',
        'Kestrel Marine will build it for Canada, officials said.',
        'The ports of Canadian towns are busy.',
        'Most Canadian unions welcomed the news.',
        'Some Canadian fishermen were less sure.',
        'Two Canadian ministers meet next week.',
      ].join('\n\n'),
      { title: 'Canadian ferry plans', date: '2025-02-01' },
      'plans',
    );
    const { answer } = ask('Which yard will build the new Canada ferry?', [plans]);
    expect(answer.evidence[0]?.text).toContain('Kestrel Marine');
  });

  it('answers "where …?" with the sentence naming a place, not the lead introducing the article\'s most prominent person', () => {
    const festival = buildArticle(
      [
        'Singer Astrid Berg will headline the harbour festival this summer, organisers said.',
        'The harbour festival will be held in Norway, near the old fish market.',
        'Astrid Berg last played there in 2019.',
        'Tickets for Astrid Berg fans go on sale in May.',
        'Astrid Berg said she was delighted.',
        'Astrid Berg will play for two hours.',
      ].join('\n\n'),
      { title: 'Festival news', date: '2025-04-01' },
      'festival',
    );
    const { answer } = ask('Where will the harbour festival be held this summer?', [festival]);
    expect(answer.evidence[0]?.text).toContain('in Norway');
  });

  it('answers "what did X say" with the words the articles give X', () => {
    const { answer } = ask('What did Governor Per Holm say about the bridge?');
    expect(answer.status).toBe('answered');
    expect(answer.evidence[0]?.text).toMatch(/Governor Per Holm said|Per Holm said he/);
  });

  it('answers "on which podcast did X say …?" from the sentence giving X\'s words, not a lead restating the claim', () => {
    const stage = buildArticle(
      [
        'The Lindholm Theatre will reopen its main stage in June, its director says.',
        'Repairs to the roof of the Lindholm Theatre began last autumn.',
        'Sara Voss has run the theatre since 2021 and oversaw the repairs.',
        'Speaking on the Culture Hour podcast, director Sara Voss said: “The main stage will reopen in June, with a new roof and new seats.”',
      ].join('\n\n'),
      { title: 'Theatre to reopen main stage', date: '2025-04-02' },
      'stage',
    );
    const { answer } = ask('On which podcast did Voss say the main stage would reopen in June?', [stage]);
    expect(answer.evidence[0]?.text).toContain('Culture Hour');
  });

  it('answers "which gallery official said …?" with the sentence giving a named official\'s words', () => {
    const loan = buildArticle(
      [
        'Gallery extends loan of the Aalto paintings by a year.',
        'The City Gallery said it was pleased that the loan of the Aalto paintings would be extended.',
        'The paintings have hung in the east wing since 2023.',
        'The lenders agreed on Tuesday to extend the loan of the paintings, chief curator Nils Berg told reporters.',
      ].join('\n\n'),
      { title: 'Aalto paintings stay another year', date: '2025-04-02' },
      'loan',
    );
    const { answer } = ask('Which gallery official said the lenders had agreed to extend the loan of the paintings?', [
      loan,
    ]);
    expect(answer.evidence[0]?.text).toContain('Nils Berg');
  });

  it('corrects a false premise first and shows what the articles say instead', () => {
    const { answer, reply } = ask('Why did Governor Per Holm cancel the harbour bridge agreement?');
    expect(answer.premise).toBe('cancel the harbour bridge agreement');
    expect(reply.items[0]?.text).toMatch(/^The articles don't report what the question takes for granted/);
    expect(reply.items[0]?.text).toContain('agreement');
  });

  it('shows first the sentence that denies a false premise', () => {
    const ferry = buildArticle(
      [
        'Governor Per Holm discussed the harbour ferry contract in Bergen with Mayor Lina Ek on Monday.',
        'The harbour ferry contract was the main topic of the talks in Bergen, Governor Per Holm said.',
        'He has so far declined to approve the contract, his office said.',
      ].join('\n\n'),
      { title: 'Ferry contract talks', date: '2025-03-20' },
      'ferry',
    );
    const { answer } = ask('Why did Governor Per Holm approve the harbour ferry contract in Bergen?', [ferry]);
    expect(answer.premise).toBeDefined();
    expect(answer.evidence[0]?.text).toContain('declined to approve');
  });

  it('reads a refusal as denying the thing of the infinitive it governs ("refusal to formally put a new pay offer …")', () => {
    const strike = buildArticle(
      [
        'Hospital director Eva Lind met union leaders on Monday to discuss an offer on pay.',
        'Nurses at Vika Hospital walked out on Tuesday over pay and staffing.',
        'The union called off Friday’s walkout despite Eva Lind’s refusal to formally put a new pay offer on the table.',
      ].join('\n\n'),
      { title: 'Nurses’ walkout called off', date: '2025-03-20' },
      'strike',
    );
    const { answer } = ask('What offer did Eva Lind agree to?', [strike]);
    expect(answer.premise).toBeDefined();
    expect(answer.evidence[0]?.text).toContain('refusal to formally put a new pay offer');
  });

  it('corrects a false premise with what the articles say of the ones it is about', () => {
    const hearing = buildArticle(
      [
        'The harbour bridge inspection in Bergen with Governor Per Holm ran late on Monday.',
        'Governor Per Holm told the inspectors in Bergen that the bridge would open in May.',
        'Engineers from the two contractors stayed until the end of the inspection.',
      ].join('\n\n'),
      { title: 'Bridge inspection in Bergen', date: '2025-03-20' },
      'hearing',
    );
    const { answer } = ask("Why did the engineers walk out of Governor Per Holm's inspection in Bergen?", [hearing]);
    expect(answer.premise).toBeDefined();
    expect(answer.evidence[0]?.text).toContain('Engineers from the two contractors stayed');
  });

  it("says the articles don't say what was decided at a meeting on a day when only another day's decision is reported", () => {
    const talks = buildArticle(
      [
        'Mayor Lina Ek and Governor Per Holm will meet about the harbour bridge on 12 March.',
        'At a meeting on 2 March, Mayor Lina Ek and the port board decided to pay for the new ferry pier.',
      ].join('\n\n'),
      { title: 'Harbour meeting set for 12 March', date: '2025-03-03' },
      'talks',
    );
    const { answer, reply } = ask(
      'What was decided at the 12 March meeting between Mayor Lina Ek and Governor Per Holm?',
      [talks],
    );
    expect(answer.status).toBe('not_found');
    expect(reply.intro).toMatch(/^The articles don't say: “What was decided at the 12 March meeting/);
  });

  it('does not answer "when will …" with a date the story has already passed', () => {
    const after = buildArticle('Work on the harbour bridge went on through the week.', { date: '2025-03-20' }, 'after');
    const question = 'When will Mayor Lina Ek and Governor Per Holm sign the agreement?';
    expect(ask(question, [early, later]).answer.status).toBe('answered');
    desk?.index.close();
    expect(ask(question, [early, later, after]).answer.status).toBe('not_found');
  });

  it('does not answer "when will X next meet Y?" with the day of another meeting or one already passed', () => {
    const met = buildArticle(
      [
        'Coach Anna Berg will meet the club’s owner in Madrid on Monday, as she met striker Leo Park at the training ground on Thursday.',
        'The club has not said whether Park will stay.',
      ].join('\n\n'),
      { title: 'Coach meets striker', date: '2025-03-15' },
      'met',
    );
    const { answer } = ask('When will Berg next meet Park?', [met]);
    expect(answer.status).toBe('not_found');
    const again = buildArticle(
      'Coach Anna Berg will meet striker Leo Park again on 2 April to discuss a new contract.',
      { title: 'Second meeting planned', date: '2025-03-17' },
      'again',
    );
    expect(ask('When will Berg next meet Park?', [met, again]).answer.evidence[0]?.text).toContain('2 April');
  });

  it('answers a yes/no question from the newer sentence that says what was asked, not one that only names its people', () => {
    const before = buildArticle(
      [
        'Mayor Lina Ek of Oslo has not visited the bridge site since January.',
        'The harbour bridge will link the two halves of the city.',
      ].join('\n\n'),
      { title: 'Harbour bridge work goes on', date: '2025-04-01' },
      'before',
    );
    const after = buildArticle(
      [
        'Mayor Lina Ek of Oslo will take questions from residents on Friday.',
        'Ferries will run late all week.',
        'Mayor Lina Ek visited the site today with engineers.',
      ].join('\n\n'),
      { title: 'Mayor tours the harbour bridge', date: '2025-04-09' },
      'after',
    );
    const { answer } = ask('Has Mayor Lina Ek of Oslo visited the bridge site since January?', [before, after]);
    expect(answer.evidence[0]?.text).toContain('visited the site today');
  });

  it('answers a yes/no question from the newer sentence saying all it asks, though it names the people by description', () => {
    const plan = buildArticle(
      [
        'Minister Ana Rios will travel to Geneva with Minister Ben Okoro on Monday.',
        'Ana Rios and Ben Okoro will travel together on the same flight, their offices said.',
      ].join('\n\n'),
      { title: 'Ministers to travel to Geneva', date: '2025-05-02' },
      'plan',
    );
    const arrived = buildArticle(
      [
        'Ana Rios and Ben Okoro travelled to Geneva for the water talks today.',
        'The talks are expected to last three days.',
        'The first plan was for the two ministers to travel together on the same flight, but a late change to Okoro’s schedule kept them apart.',
      ].join('\n\n'),
      { title: 'Ministers arrive in Geneva', date: '2025-05-05' },
      'arrived',
    );
    const { answer } = ask('Did Rios and Okoro travel together on the same flight, as planned?', [plan, arrived]);
    expect(answer.evidence[0]?.text).toContain('late change');
  });

  it('answers a who-question from the newer article naming one person where an older one named two', () => {
    const shortlist = buildArticle(
      [
        'Judges Mara Lind and Tomas Vik were shortlisted on Monday to lead the harbour inquiry, the council said.',
        'The inquiry will look at the collapse of the pier.',
      ].join('\n\n'),
      { title: 'Harbour inquiry shortlist', date: '2025-04-07' },
      'shortlist',
    );
    const chosen = buildArticle(
      [
        'Judge Petra Aune will lead the harbour inquiry, the council said on Friday.',
        'Hearings begin next month.',
      ].join('\n\n'),
      { title: 'Harbour inquiry chair named', date: '2025-04-11' },
      'chosen',
    );
    const { answer } = ask('Who will lead the harbour inquiry?', [shortlist, chosen]);
    expect(answer.evidence[0]?.text).toContain('Petra Aune');
  });

  it('answers from the newer article when a later one changed the fact, naming both dates', () => {
    const { answer, reply } = ask('Where will the meeting between Mayor Lina Ek and Governor Per Holm be held?', [
      early,
      later,
    ]);
    expect(answer.evidence[0]?.text).toContain('Bergen');
    expect(answer.replaced?.text).toContain('Oslo');
    expect(reply.items[0]?.text).toContain('5 Mar');
    expect(reply.items[1]?.text).toMatch(/^Earlier reports \(1 Mar\) said: .*Oslo/);
  });

  it('keeps the answer over a newer article that mentions the matter in passing and names only part of what was asked', () => {
    const award = buildArticle(
      [
        'The Tromsø council met on Monday to settle three harbour matters.',
        'Nordvik Shipyard won the contract for the new Lyngen ferry and will deliver it next spring, the council said.',
      ].join('\n\n'),
      { title: 'Ferry news', date: '2025-05-05' },
      'award',
    );
    const aside = buildArticle(
      [
        'Harbour workers held a barbecue on Saturday to mark the end of the fishing season.',
        'Ferries ran late all week.',
        'Dock foreman Eva Lund said the new Lyngen ferry contract went to a shipyard that builds fast boats.',
      ].join('\n\n'),
      { title: 'Harbour party', date: '2025-05-09' },
      'aside',
    );
    const { answer } = ask('Which shipyard won the Tromsø council contract to build the new Lyngen ferry?', [
      award,
      aside,
    ]);
    expect(answer.evidence[0]?.text).toContain('Nordvik Shipyard');
    expect(answer.replaced).toBeUndefined();
  });

  it('keeps the answer naming the type asked for ("which gallery") over a newer sentence that names none', () => {
    const loan = buildArticle(
      [
        'The Kvale Gallery will lend its Viking sword to the winter exhibition, curators said on Monday.',
        'The exhibition opens in December.',
      ].join('\n\n'),
      { title: 'Viking sword loan', date: '2025-06-02' },
      'loan',
    );
    const opening = buildArticle(
      [
        'Visitors queued in Tromsø on Friday as the winter exhibition showed the Viking sword lent for it, Mayor Lina Ek said.',
        'Tickets sold out within hours.',
      ].join('\n\n'),
      { title: 'Exhibition opens', date: '2025-06-06' },
      'opening',
    );
    const { answer } = ask('Which gallery will lend a Viking sword to the Tromsø winter exhibition?', [loan, opening]);
    expect(answer.evidence[0]?.text).toContain('Kvale Gallery');
  });

  it('reads a name joined by "of" ("the University of Bergen") as naming the type asked, over a newer sentence naming none', () => {
    const venue = buildArticle(
      [
        'The University of Bergen will host the Nordic chess final in May, organisers said.',
        'Tickets go on sale soon.',
      ].join('\n\n'),
      { title: 'Chess news', date: '2025-03-01' },
      'venue',
    );
    const players = buildArticle(
      [
        'Players from Tromsø are preparing for the Nordic chess final, which will be hosted in May, the federation said.',
        'Training starts on Monday.',
      ].join('\n\n'),
      { title: 'Chess news', date: '2025-03-08' },
      'players',
    );
    const { answer } = ask('Which university will host the Nordic chess final?', [venue, players]);
    expect(answer.evidence[0]?.text).toContain('University of Bergen');
  });

  it('keeps the answer giving a full name over a newer sentence giving less of one ("a firm in Tromsø")', () => {
    const contract = buildArticle(
      ['Nordvik Shipyard of Bergen will build the new Lyngen ferry, the council said.', 'Work starts in June.'].join(
        '\n\n',
      ),
      { title: 'Ferry news', date: '2025-05-01' },
      'contract',
    );
    const meeting = buildArticle(
      ['The new Lyngen ferry will be built by a firm in Tromsø, officials said.', 'The council met on Monday.'].join(
        '\n\n',
      ),
      { title: 'Ferry news', date: '2025-05-06' },
      'meeting',
    );
    const { answer } = ask('Which firm will build the new Lyngen ferry?', [contract, meeting]);
    expect(answer.evidence[0]?.text).toContain('Nordvik Shipyard');
  });

  const regatta = buildArticle(
    [
      'Lyngen Rowing Club of Tromsø won the northern coast regatta on Sunday, beating the crew from Bodø by two lengths.',
      'The race was held in strong winds.',
    ].join('\n\n'),
    { title: 'Regatta result', date: '2025-06-01' },
    'regatta',
  );

  it('keeps the answer naming a club in full over a newer sentence naming only part of it', () => {
    const homecoming = buildArticle(
      [
        'Fans cheered the Lyngen rowers at the harbour in Tromsø after they won the northern coast regatta on Sunday.',
        'The mayor gave a short speech.',
      ].join('\n\n'),
      { title: 'Regatta crew home', date: '2025-06-03' },
      'homecoming',
    );
    const { answer } = ask('Which team won the northern coast regatta on Sunday?', [regatta, homecoming]);
    expect(answer.evidence[0]?.text).toContain('Lyngen Rowing Club of Tromsø');
    expect(answer.replaced).toBeUndefined();
  });

  it('answers from a newer sentence naming another club, though each of its words is in the older one', () => {
    const appeal = buildArticle(
      [
        'The mayor gave a short speech at the harbour.',
        'Ferries ran late all week.',
        'Judges said that the northern coast regatta on Sunday went to Bodø Rowing Club after an appeal.',
      ].join('\n\n'),
      { title: 'Regatta appeal', date: '2025-06-03' },
      'appeal',
    );
    const { answer } = ask('Which team won the northern coast regatta on Sunday?', [regatta, appeal]);
    expect(answer.evidence[0]?.text).toContain('Bodø Rowing Club after an appeal');
    expect(answer.replaced?.text).toContain('Lyngen Rowing Club');
  });

  const choir = buildArticle(
    ['Vestby Chamber Choir took the prize in Kvalsund on Saturday.', 'The judges praised the altos.'].join('\n\n'),
    { title: 'Festival result', date: '2025-04-12' },
    'choir',
  );

  it('keeps the answer over a newer aside whose new name holds the words asked only as a name', () => {
    const history = buildArticle(
      [
        'Tickets sold out within a week.',
        'Aside: the Vestby Chamber Choir began in 1961 as part of the Kvalsund Spring Festival Choir Society.',
      ].join('\n\n'),
      { title: 'Festival result', date: '2025-04-14' },
      'history',
    );
    const { answer } = ask('Which choir took the top prize at the spring festival in Kvalsund?', [choir, history]);
    expect(answer.evidence[0]?.text).toContain('took the prize');
    expect(answer.replaced).toBeUndefined();
  });

  const captain = buildArticle(
    [
      'Captain Ida Lund reached a service milestone on Friday: her fortieth year at the helm of the island ferry.',
      'The crew gave her a cake.',
    ].join('\n\n'),
    { title: 'Ferry captain', date: '2025-05-02' },
    'captain',
  );

  it('keeps the answer over a newer sentence naming an event that says less of what was asked', () => {
    const party = buildArticle(
      [
        'Captain Ida Lund was guest of honour at the harbour on her service day: the Midsummer Lantern Parade.',
        'Boats lined the quay.',
      ].join('\n\n'),
      { title: 'Ferry captain', date: '2025-05-04' },
      'party',
    );
    const { answer } = ask('Captain Ida Lund reached which service milestone this month?', [captain, party]);
    expect(answer.evidence[0]?.text).toContain('fortieth year');
    expect(answer.replaced).toBeUndefined();
  });

  it('answers "how many …?" from a newer sentence giving another number in words', () => {
    const plan = buildArticle(
      ['Governor Per Holm said he expected nine engineers to work on the harbour bridge.', 'Work starts in May.'].join(
        '\n\n',
      ),
      { title: 'Bridge plans', date: '2025-03-05' },
      'plan',
    );
    const change = buildArticle(
      ['The budget was raised.', 'Governor Per Holm now expects twelve engineers to work on the harbour bridge.'].join(
        '\n\n',
      ),
      { title: 'Bridge plans change', date: '2025-03-12' },
      'change',
    );
    const { answer } = ask('How many engineers will work on the harbour bridge?', [plan, change]);
    expect(answer.short).toBe('twelve engineers');
    expect(answer.replaced?.text).toContain('nine engineers');
  });

  it('answers "when …?" from a newer sentence giving another date in common words', () => {
    const deal = buildArticle(
      [
        'Mayor Lina Ek will sign the harbour bridge agreement on 14 March, her office said.',
        'Work starts in May.',
      ].join('\n\n'),
      { title: 'Bridge deal', date: '2025-03-05' },
      'deal',
    );
    const delay = buildArticle(
      [
        'The budget was raised.',
        'Mayor Lina Ek will now sign the harbour bridge agreement next week, her office said.',
      ].join('\n\n'),
      { title: 'Bridge deal delayed', date: '2025-03-12' },
      'delay',
    );
    const { answer } = ask('When will Mayor Lina Ek sign the harbour bridge agreement?', [deal, delay]);
    expect(answer.short).toBe('next week');
    expect(answer.replaced?.text).toContain('14 March');
  });

  it('answers "what\'s the latest?" with the newest article\'s development', () => {
    const { answer, reply } = ask("What's the latest?");
    expect(answer.status).toBe('answered');
    expect(answer.mode).toBe('latest');
    expect(answer.evidence[0]?.articleId).toBe(newest.id);
    expect(reply.items[0]?.text.startsWith('14 Mar: ')).toBe(true);
  });

  it('answers "what came out of …?" with the newest development on it', () => {
    const { answer } = ask('What came out of the harbour bridge meeting?');
    expect(answer.mode).toBe('latest');
    expect(answer.evidence[0]?.articleId).toBe(newest.id);
  });

  it('answers "the latest in <common word>" with the newest day, though only an older article uses that word', () => {
    const { answer } = ask("What's the latest in the negotiations?", [
      buildArticle(
        'The negotiations over the harbour bridge stalled on Tuesday.',
        { title: 'Bridge negotiations stall', date: '2025-03-04' },
        'stalled',
      ),
      newest,
    ]);
    expect(answer.mode).toBe('latest');
    expect(answer.evidence[0]?.articleId).toBe(newest.id);
  });

  it('answers "the latest on <common word>" from the newest day that speaks of it, not that day\'s other news', () => {
    const tolls = buildArticle(
      [
        'Ferry operators cut their winter timetable on Friday.',
        'Tolls on the harbour bridge will rise to four crowns once it opens, the council said on Friday.',
      ].join('\n\n'),
      { title: 'Ferries cut winter timetable', date: '2025-03-14' },
      'tolls',
    );
    const { answer } = ask("What's the latest on the tolls?", [
      buildArticle(
        'Tolls on the harbour bridge will be three crowns.',
        { title: 'Tolls set', date: '2025-03-04' },
        'set',
      ),
      tolls,
    ]);
    expect(answer.mode).toBe('latest');
    expect(answer.evidence[0]?.text).toContain('four crowns');
  });

  it('answers "what\'s new since …" from the articles of those days only', () => {
    const { answer } = ask("What's new since 4 March?");
    const ids = answer.evidence.map((hit) => hit.articleId);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).not.toContain(early.id);
  });

  it('says only English is answered without a model when a question in another language finds nothing', () => {
    const { answer, reply } = ask('¿Cuándo empezarán las obras del puente?');
    expect(answer.language).toBe('not_english');
    expect(reply.intro).toBe(NOT_ENGLISH);
    expect(reply.intro).toContain('OPENAI_API_KEY');
  });
});
