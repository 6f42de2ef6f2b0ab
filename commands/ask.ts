import { answerQuestion } from '../src/answers/answer-question.js';
import { answerReply, llmReply } from '../src/answers/answer-reply.js';
import { type CommandDefinition, requireString } from '../src/command.js';

/** The longest question Discord's option accepts (the answerer itself reads up to MAX_QUESTION_LENGTH). */
export const MAX_QUESTION_OPTION_LENGTH = 500;

export const ask: CommandDefinition = {
  name: 'ask',
  paginable: true,
  description: 'Ask a question; the answer quotes the articles and cites them',
  options: [
    {
      name: 'question',
      description: 'What you want to know, e.g. when could the meeting happen?',
      type: 'string',
      required: true,
      maxLength: MAX_QUESTION_OPTION_LENGTH,
    },
  ],
  async run(options, { services, locale, userId, guildId, onDraft }) {
    const question = requireString(options, 'question');
    const { llm } = services;
    if (!llm) return answerReply(question, answerQuestion(question, services), services.corpus);
    const asker = { locale, userId, guildId };
    const result = onDraft
      ? await llm.answerer.answerStream(question, onDraft, asker)
      : await llm.answerer.answer(question, asker);
    return llmReply(question, result, services.corpus);
  },
};
