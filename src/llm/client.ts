import OpenAI, { type ClientOptions } from 'openai';

/** Long enough for a short grounded answer from a slow local model, short enough that nobody waits on a dead server. */
export const DEFAULT_LLM_TIMEOUT_MS = 20_000;
/** One retry covers a 429 or a dropped connection; more only makes a person wait longer for the fallback. */
export const DEFAULT_LLM_MAX_RETRIES = 1;

export interface LlmClientOptions {
  apiKey: string;
  /** Any OpenAI-compatible endpoint (Ollama, vLLM, llama.cpp, LM Studio, OpenRouter…); OpenAI itself when unset. */
  baseURL?: string;
  timeoutMs?: number;
  maxRetries?: number;
  fetch?: ClientOptions['fetch'];
  /** The SDK logs through this (a pino child logger fits: it has debug/info/warn/error). */
  logger?: ClientOptions['logger'];
}

/**
 * The official client with an explicit timeout and retry count: the SDK defaults (10 minutes, 2
 * retries) are wrong for chat, where a person is waiting.
 * https://github.com/openai/openai-node#timeouts, https://github.com/openai/openai-node#retries
 */
export function createLlmClient(options: LlmClientOptions): OpenAI {
  return new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    timeout: options.timeoutMs ?? DEFAULT_LLM_TIMEOUT_MS,
    maxRetries: options.maxRetries ?? DEFAULT_LLM_MAX_RETRIES,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
}
