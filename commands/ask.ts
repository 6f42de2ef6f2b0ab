import { answerAsked } from '../src/answers/answer-use-case.js';
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
  async run(options, { services, locale, userId, guildId, onDraft, conversation }) {
    const question = requireString(options, 'question');
    const asked = await answerAsked(services, { question, conversation, onDraft, asker: { locale, userId, guildId } });
    return asked.reply;
  },
};
