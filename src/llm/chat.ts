import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { Logger } from '../logger.js';
import { countTokens } from './prompt.js';

/**
 * One chat model behind the official client, shared by everything that asks it (answers,
 * summaries, claim checks). Besides sending requests, it owns two lessons learned per process:
 *
 * - Deadlines. The SDK's timeout only bounds the wait for response headers, not a body that
 *   stalls, so every call gets a deadline of its own, and a stream that goes silent for one timeout
 *   is cut off.
 * - Parameters the endpoint refuses. Reasoning models (OpenAI's o-series and gpt-5, several local
 *   servers) answer 400 to `max_tokens` or to a `temperature` other than the default, naming the
 *   parameter. The request is retried once without it, and the parameter is left out of every
 *   later request, so only the first call after start pays for the lesson.
 *   https://platform.openai.com/docs/guides/reasoning#controlling-costs
 */

export interface ChatReply {
  content: string;
  /** Tokens the call cost (prompt and completion): as the endpoint reports them, else estimated (`estimateTokens`). */
  tokens: number;
}

export interface ChatOptions {
  /** Caps the reply; dropped for endpoints that refuse `max_tokens`. */
  maxTokens: number;
}

/** The request parameters an endpoint may refuse, which can be left out without changing the request's meaning. */
export type OptionalParameter = 'max_tokens' | 'temperature';

export interface ChatModel {
  /** The model asked; every reply names it. */
  readonly model: string;
  complete(messages: ChatCompletionMessageParam[], options: ChatOptions): Promise<ChatReply>;
  /** As `complete`, streamed: `onContent` gets the whole content so far after every chunk. */
  stream(
    messages: ChatCompletionMessageParam[],
    options: ChatOptions,
    onContent: (content: string) => void,
  ): Promise<ChatReply>;
  /** Parameters this endpoint refused, left out since. */
  readonly refused: ReadonlySet<OptionalParameter>;
}

export interface ChatModelOptions {
  client: OpenAI;
  model: string;
  logger: Logger;
}

/** The model is asked for facts, not creativity. */
export const TEMPERATURE = 0;
/** Beyond the per-attempt timeouts: the SDK's back-off between retries. */
const RETRY_SLACK_MS = 2000;
const OPTIONAL_PARAMETERS: readonly OptionalParameter[] = ['max_tokens', 'temperature'];

/** A stream that went silent past the timeout (the SDK ends an aborted stream quietly, as if it had finished). */
export class StreamTimeoutError extends Error {
  override readonly name = 'StreamTimeoutError';
  constructor() {
    super('the stream went silent past the timeout');
  }
}

export function createChatModel({ client, model, logger }: ChatModelOptions): ChatModel {
  const log = logger.child({ module: 'llm-chat' });
  const refused = new Set<OptionalParameter>();
  const deadlineMs = client.timeout * (client.maxRetries + 1) + RETRY_SLACK_MS;

  const parameters = (options: ChatOptions) => ({
    model,
    ...(refused.has('temperature') ? {} : { temperature: TEMPERATURE }),
    ...(refused.has('max_tokens') ? {} : { max_tokens: options.maxTokens }),
  });

  /** Runs `attempt`; when the endpoint refuses an optional parameter, remembers it and tries again without it. */
  async function withoutRefused<T>(attempt: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        return await attempt();
      } catch (err) {
        const parameter = refusedParameter(err);
        if (!parameter || refused.has(parameter)) throw err;
        refused.add(parameter);
        log.warn({ model, parameter, err }, 'the endpoint refused a parameter; asking again without it');
      }
    }
  }

  return {
    model,
    refused,

    complete(messages, options) {
      return withoutRefused(async () => {
        const completion = await client.chat.completions.create(
          { ...parameters(options), messages },
          { signal: AbortSignal.timeout(deadlineMs) },
        );
        const content = completion.choices?.[0]?.message?.content ?? '';
        return { content, tokens: completion.usage?.total_tokens ?? estimateTokens(messages, content) };
      });
    },

    stream(messages, options, onContent) {
      return withoutRefused(async () => {
        // Idle timeout: a stream may take a while in all, but a silent one is dead.
        const controller = new AbortController();
        let idle = setTimeout(() => controller.abort(), client.timeout);
        const deadline = setTimeout(() => controller.abort(), deadlineMs + client.timeout);
        let content = '';
        let tokens: number | null = null;
        try {
          const stream = await client.chat.completions.create(
            { ...parameters(options), messages, stream: true, stream_options: { include_usage: true } },
            { signal: controller.signal },
          );
          for await (const chunk of stream) {
            clearTimeout(idle);
            idle = setTimeout(() => controller.abort(), client.timeout);
            const piece = chunk.choices?.[0]?.delta?.content ?? '';
            if (chunk.usage) tokens = chunk.usage.total_tokens;
            if (!piece) continue;
            content += piece;
            onContent(content);
          }
        } finally {
          clearTimeout(idle);
          clearTimeout(deadline);
        }
        if (controller.signal.aborted) throw new StreamTimeoutError();
        return { content, tokens: tokens ?? estimateTokens(messages, content) };
      });
    },
  };
}

/** What a call cost when the endpoint does not say (no `usage`): the prompt and the reply, counted. */
export function estimateTokens(messages: readonly ChatCompletionMessageParam[], content: string): number {
  return countTokens(messages.map((m) => String(m.content)).join('\n')) + countTokens(content);
}

/**
 * The optional parameter a 400 names, if any: OpenAI sets `param` ("Unsupported parameter:
 * 'max_tokens' is not supported with this model"); other servers only name it in the message.
 */
export function refusedParameter(err: unknown): OptionalParameter | null {
  if (!(err instanceof OpenAI.BadRequestError)) return null;
  return (
    OPTIONAL_PARAMETERS.find(
      (parameter) => err.param === parameter || new RegExp(`\\b${parameter}\\b`).test(err.message),
    ) ?? null
  );
}

export type FailureReason = 'timeout' | 'rate_limited' | 'server_error';

/** Why a call failed, in the terms a fallback note uses. */
export function failureReason(err: unknown): FailureReason {
  if (err instanceof StreamTimeoutError) return 'timeout';
  if (err instanceof OpenAI.APIConnectionTimeoutError || err instanceof OpenAI.APIUserAbortError) return 'timeout';
  if (err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError')) return 'timeout';
  if (err instanceof OpenAI.RateLimitError) return 'rate_limited';
  return 'server_error';
}
