import type { Message } from 'discord.js';
import { answerAsked } from '../answers/answer-use-case.js';
import type { ConversationStore } from '../conversations/conversation-store.js';
import { errorReply, replyToError } from '../error-reply.js';
import { UserFacingError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Reply } from '../reply.js';
import type { DiscordDeps, Outcome } from './deps.js';
import { createDraftEditor } from './draft-editor.js';
import { describeDiscordFailure } from './interaction-errors.js';
import { NO_MENTIONS, renderPage } from './render.js';
import { draftPayload, MAX_ANSWER_MESSAGES } from './stream-answer.js';

export interface MessageDeps extends DiscordDeps {
  conversations: ConversationStore;
}

/** The name free-form questions are counted under in /metrics. */
export const MESSAGE_METRIC = 'message';
const HINT =
  'Ask me about the story: mention me with a question, send me a DM, or reply to one of my answers to follow up.';

/** Why a message is a question for the bot, and which reply chain it continues. */
interface Trigger {
  question: string;
  /** The first message of the reply chain: the conversation's key. */
  rootId: string;
}

/**
 * Answers free-form questions: a message that mentions the bot, any DM, or a reply to one of the
 * bot's answers (the reply chain is the conversation, per user). Other people's messages, bots
 * (the bot itself included) and replies to someone else's message are ignored. Answers read as
 * /ask's do — from the model when one is configured, verified, with the extractive answer and a
 * one-line note when it fails — and every message sent pings nobody.
 */
export async function handleMessage(message: Message, deps: MessageDeps): Promise<void> {
  const me = message.client.user;
  if (!me || message.author.bot || message.system || message.webhookId) return;
  const log = deps.logger.child({ module: 'messages', messageId: message.id, guildId: message.guildId });
  const started = performance.now();
  let outcome: Outcome = 'answered';
  // The model's draft, once shown: whatever happens next replaces it, the apology included.
  let draft: Message | null = null;
  try {
    const trigger = await readTrigger(message, me.id, deps.conversations);
    if (!trigger) return;
    if (!trigger.question) {
      outcome = 'refused';
      await send(message, errorReply(HINT), deps.conversations, trigger.rootId);
      return;
    }
    await showTyping(message, log);
    const conversation = deps.conversations.conversation({
      guildId: message.guildId,
      channelId: message.channelId,
      rootId: trigger.rootId,
      userId: message.author.id,
    });
    const drafts = draftReplyTo(message, trigger.question, log);
    let reply: Reply;
    try {
      const asked = await answerAsked(deps.services, {
        question: trigger.question,
        conversation,
        onDraft: drafts.editor.show,
        asker: { userId: message.author.id, guildId: message.guildId },
      });
      reply = asked.reply;
      log.debug({ question: trigger.question, standalone: asked.standalone }, 'answered a message');
    } catch (err) {
      if (!(err instanceof UserFacingError)) throw err;
      outcome = 'refused';
      reply = errorReply(err.message);
    } finally {
      await drafts.editor.settle();
      draft = drafts.message();
    }
    await send(message, reply, deps.conversations, trigger.rootId, draft);
  } catch (err) {
    outcome = await answerWithApology(message, err, log, draft);
  } finally {
    deps.metrics?.served(MESSAGE_METRIC, outcome, (performance.now() - started) / 1000);
  }
}

/**
 * Whether the message asks the bot something, and in which chain. A reply's chain is looked up
 * from the answers the bot remembers; only a reply to an answer it does not remember (older, or
 * from before a restart) costs a fetch of the message replied to, usually from discord.js's cache.
 */
async function readTrigger(message: Message, botId: string, store: ConversationStore): Promise<Trigger | null> {
  const mentioned = message.mentions.users.has(botId);
  const question = stripMention(message.content, botId);
  const referenceId = message.reference?.messageId;
  if (referenceId && message.reference?.channelId === message.channelId) {
    const location = { guildId: message.guildId, channelId: message.channelId, messageId: referenceId };
    const root = store.rootOf(location);
    if (root) return { question, rootId: root };
    if (!mentioned && message.inGuild()) {
      const referenced = await message.fetchReference().catch(() => null);
      if (referenced?.author.id !== botId) return null;
      // An answer from before a restart: its own reference is the question that started the chain.
      return { question, rootId: referenced.reference?.messageId ?? referenced.id };
    }
  }
  if (mentioned || !message.inGuild()) return { question, rootId: message.id };
  return null;
}

/** The question without the bot's mention (`<@id>` or the older nickname form `<@!id>`). */
export function stripMention(content: string, botId: string): string {
  return content
    .replace(new RegExp(`<@!?${botId}>`, 'g'), ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "Newsdesk is typing…" while the answer is found; lasts 10 s or until the reply, whichever is first. */
async function showTyping(message: Message, log: Logger): Promise<void> {
  if (!message.channel.isSendable()) return;
  await message.channel.sendTyping().catch((err: unknown) => log.debug({ err }, 'could not show typing'));
}

/**
 * The model's drafts, shown as /ask's are: the first is sent as a reply to the message, titled with
 * the person's `question` and marked "writing…", and edited as newer drafts arrive
 * (createDraftEditor). `message()` is the message the draft was written in, for the answer to
 * replace; null when nothing was drafted (no model, a fallback, a cached answer) or it could not be sent.
 */
function draftReplyTo(message: Message, question: string, log: Logger) {
  let draft: Message | null = null;
  const editor = createDraftEditor(async (text) => {
    const payload = draftPayload(question, text);
    if (draft) await draft.edit(payload);
    else draft = await message.reply({ ...payload, allowedMentions: NO_MENTIONS, failIfNotExists: false });
  }, log);
  return { editor, message: () => draft };
}

/**
 * Replies to the message with the reply rendered as /ask's, and remembers the answer as part of
 * the chain. An extractive answer is one page (at most three items); a model's answer longer than
 * one embed continues in further replies (at most MAX_ANSWER_MESSAGES in all), each linked to the
 * chain. The first page replaces the model's `draft` when there is one. A question deleted
 * meanwhile still gets its answer, just without the reply link.
 */
async function send(
  message: Message,
  reply: Reply,
  store: ConversationStore,
  rootId: string,
  draft: Message | null = null,
): Promise<void> {
  const first = renderPage(reply);
  for (let page = 0; page < Math.min(first.pageCount, MAX_ANSWER_MESSAGES); page++) {
    const { payload } = page ? renderPage(reply, page) : first;
    const sent =
      page === 0 && draft
        ? await draft.edit(payload)
        : await message.reply({ ...payload, allowedMentions: NO_MENTIONS, failIfNotExists: false });
    store.linkAnswer({ guildId: message.guildId, channelId: message.channelId, messageId: sent.id }, rootId);
  }
}

/** A bug: logged in full under an incident id; the person gets a short apology quoting it, in place of the draft when one is shown. */
async function answerWithApology(message: Message, err: unknown, log: Logger, draft: Message | null): Promise<Outcome> {
  const failure = describeDiscordFailure(err);
  if (failure) {
    // Discord refused our reply (no permission, channel gone, rate limited); another would fail too.
    log.warn({ err, failure }, 'could not answer the message');
    return 'failed';
  }
  const { reply, incident } = replyToError(err, log, 'message failed');
  try {
    const { payload } = renderPage(reply);
    if (draft) await draft.edit(payload);
    else await message.reply({ ...payload, allowedMentions: NO_MENTIONS, failIfNotExists: false });
  } catch (sendErr) {
    log.warn({ err: sendErr, incident }, 'could not send the apology');
  }
  return 'failed';
}
