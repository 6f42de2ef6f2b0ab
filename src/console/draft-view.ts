import { clearScreenDown, cursorTo, moveCursor } from 'node:readline';
import { WRITING_MARKER } from '../llm/model-text.js';
import { style, wrapText } from './render-reply.js';

/** The draft of an answer in the terminal, redrawn in place, then erased before the verified answer. */
export interface DraftView {
  show(draft: string): void;
  clear(): void;
}

export interface DraftViewOptions {
  /** The terminal's width in columns: how many rows the draft takes, so it can be erased. */
  width: number;
  colour: boolean;
}

/**
 * Each draft replaces the last: the cursor goes back to the first row the last one took and the
 * screen is cleared from there down (ANSI, through readline's helpers), then the new draft is
 * written. How often it redraws is the answerer's choice (at most about once a second).
 */
export function createDraftView(output: NodeJS.WritableStream, { width, colour }: DraftViewOptions): DraftView {
  let rows = 0;
  const clear = () => {
    if (!rows) return;
    moveCursor(output, 0, -(rows - 1));
    cursorTo(output, 0);
    clearScreenDown(output);
    rows = 0;
  };
  return {
    show(draft) {
      clear();
      const body = wrapText(draft, width, '  ', '  ');
      output.write(`${colour ? style('dim', WRITING_MARKER) : WRITING_MARKER}\n${body}`);
      rows = rowsTaken(`${WRITING_MARKER}\n${body}`, width);
    },
    clear,
  };
}

/** Terminal rows `text` takes at `width` columns (a line exactly as wide as the terminal takes one). */
export function rowsTaken(text: string, width: number): number {
  return text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil([...line].length / width)), 0);
}
