import { buildArticle } from '../../src/articles/article.js';
import type { RecordedRequest, ScriptedReply } from './fake-openai.js';

/** Four reports of one developing story, a few days apart, written for the summary tests. */
export const floodStory = [
  buildArticle(
    [
      'Heavy rain pushed the river Alder over its banks in Millford on Monday.',
      'About 300 homes on the east bank were evacuated overnight, the council said.',
      'Mayor Ruth Okafor opened the sports hall as a shelter for families.',
    ].join('\n\n'),
    { title: 'River Alder floods Millford', date: '2025-04-07', source: 'Millford Echo' },
    'flood-1',
  ),
  buildArticle(
    [
      'The river Alder peaked at 4.2 metres on Tuesday, the highest level since 1998.',
      'Engineers reinforced the old stone bridge with sandbags.',
      '“We have never seen the water this high,” said engineer Tom Baptiste.',
    ].join('\n\n'),
    { title: 'Alder peaks at record level', date: '2025-04-08', source: 'County Times' },
    'flood-2',
  ),
  buildArticle(
    [
      'Water levels in Millford began to fall on Thursday.',
      'Residents of the east bank were allowed to return home on Friday.',
      'The council estimated the damage at 12 million pounds.',
    ].join('\n\n'),
    { title: 'Millford residents return as floodwater recedes', date: '2025-04-10', source: 'Millford Echo' },
    'flood-3',
  ),
  buildArticle(
    [
      'The government promised 5 million pounds for flood defences in Millford on Saturday.',
      'Okafor said the money would pay for a new wall along the east bank.',
    ].join('\n\n'),
    { title: 'Millford gets flood defence money', date: '2025-04-12', source: 'National Daily' },
    'flood-4',
  ),
];

/** The numbered sentences of a summary prompt: `[n] text` lines of the articles, or the notes' citations. */
export function promptSentences(request: RecordedRequest): { n: number; text: string }[] {
  const user = request.body.messages.find((m) => m.role === 'user')?.content ?? '';
  return [...user.matchAll(/^\[(\d+)\] (.+)$/gm)].map((m) => ({ n: Number(m[1]), text: m[2]! }));
}

/** The notes of a reduce prompt: each note's text and the numbers it cites. */
export function promptNotes(request: RecordedRequest): { text: string; cites: string }[] {
  const user = request.body.messages.find((m) => m.role === 'user')?.content ?? '';
  return [...user.matchAll(/^- (.+?) ((?:\[\d+\])+)$/gm)].map((m) => ({ text: m[1]!, cites: m[2]! }));
}

export const isReduce = (request: RecordedRequest) =>
  request.body.messages.some((m) => m.role === 'user' && m.content.includes('<notes>'));

/**
 * A summarising model that copies what it is shown, citing it: in a map step, each sentence with
 * its number; in a reduce step, each note with its numbers. `extra` is appended to every reply
 * (to test what verification does with it).
 */
export function copyingModel(extra = '') {
  return (request: RecordedRequest): ScriptedReply => {
    const lines = isReduce(request)
      ? promptNotes(request).map((note) => `${note.text} ${note.cites}`)
      : promptSentences(request).map((s) => `${s.text.replace(/[.]$/, '')} [${s.n}].`);
    return { content: [...lines, extra].filter(Boolean).join(' ') };
  };
}
