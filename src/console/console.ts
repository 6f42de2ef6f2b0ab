import { createInterface } from 'node:readline';
import { soleConversation } from '../conversations/conversation-store.js';
import { createDraftView } from './draft-view.js';
import { appendHistory, loadHistory, MAX_HISTORY } from './history.js';
import { completeLine } from './parse-line.js';
import { type RenderOptions, renderReply } from './render-reply.js';
import { type ConsoleDeps, runLine } from './run-line.js';

export const PROMPT = 'newsdesk> ';
const EXIT_WORDS = new Set(['exit', 'quit', '/exit', '/quit']);

export interface ConsoleIO {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Answers. */
  output: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Refusals and apologies in one-shot mode, so stdout holds only a real answer. */
  errors: NodeJS.WritableStream;
  /** Colour is allowed (stdout is a terminal and NO_COLOR is not set). */
  colour: boolean;
  historyFile: string;
}

function renderOptions(io: ConsoleIO): RenderOptions {
  // A terminal reporting 0 columns gets unwrapped lines rather than one word a line.
  return { colour: io.colour, width: io.output.isTTY && io.output.columns ? io.output.columns : undefined };
}

/** Answers one command line and returns the process exit code. */
export async function runOneShot(line: string, deps: ConsoleDeps, io: ConsoleIO): Promise<number> {
  const { reply, ok } = await runLine(line, deps);
  (ok ? io.output : io.errors).write(renderReply(reply, renderOptions(io)));
  return ok ? 0 : 1;
}

/**
 * The interactive console: a prompt, tab completion and history, until exit, quit or Ctrl-D. On a
 * terminal, a model's answer is shown while it is written (marked "writing…", redrawn in place),
 * then replaced by the verified answer; piped, only the verified answer is written.
 */
export async function runInteractive(deps: ConsoleDeps, io: ConsoleIO): Promise<void> {
  const log = deps.logger.child({ module: 'console' });
  const terminal = Boolean(io.input.isTTY && io.output.isTTY);
  const rl = createInterface({
    input: io.input,
    output: io.output,
    terminal,
    prompt: PROMPT,
    history: await loadHistory(io.historyFile),
    historySize: MAX_HISTORY,
    removeHistoryDuplicates: true,
    completer: (line: string) => completeLine(line, deps.commands),
  });
  // In raw mode Ctrl-C reaches readline, not the process: treat it like Ctrl-D.
  rl.on('SIGINT', () => rl.close());
  if (terminal) {
    io.output.write('Newsdesk. Ask a question, or type /help. Options are written like /summary length: short.\n');
    io.output.write('Tab completes commands and options; exit, quit or Ctrl-D leaves.\n\n');
    rl.prompt();
  }
  // One operator asking one question after another: a follow-up reads the answers before it.
  const conversation = soleConversation();
  for await (const line of rl) {
    const text = line.trim();
    if (EXIT_WORDS.has(text.toLowerCase())) break;
    if (text) {
      await appendHistory(io.historyFile, text).catch((err: unknown) => log.warn({ err }, 'could not save history'));
      const draft = terminal ? createDraftView(io.output, { width: io.output.columns, colour: io.colour }) : undefined;
      const { reply } = await runLine(text, deps, { conversation, ...(draft ? { onDraft: draft.show } : {}) });
      draft?.clear();
      io.output.write(`${renderReply(reply, renderOptions(io))}\n`);
    }
    if (terminal) rl.prompt();
  }
  rl.close();
}
