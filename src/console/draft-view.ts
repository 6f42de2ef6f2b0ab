import { clearScreenDown, cursorTo, moveCursor } from 'node:readline';
import { WRITING_MARKER } from '../llm/model-text.js';
import { displaySafe } from '../text/display-safe.js';
import { style, wrapText } from './render-reply.js';

/** The draft of an answer in the terminal, redrawn in place, then erased before the verified answer. */
export interface DraftView {
  show(draft: string): void;
  clear(): void;
}

export interface DraftViewOptions {
  /**
   * The terminal's width in columns: how many rows the draft takes, so it can be erased. Some
   * terminals (a serial console, some multiplexers and CI) report 0 or nothing: then 80 is assumed.
   */
  width: number | undefined;
  colour: boolean;
}

/** Terminals that report no width are taken to be this wide. */
export const DEFAULT_COLUMNS = 80;

/**
 * Each draft replaces the last: the cursor goes back to the first row the last one took and the
 * screen is cleared from there down (ANSI, through readline's helpers), then the new draft is
 * written. How often it redraws is the answerer's choice (at most about once a second).
 */
export function createDraftView(output: NodeJS.WritableStream, options: DraftViewOptions): DraftView {
  const { colour } = options;
  const width = usableWidth(options.width);
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
      // The model's text: it may hold escape sequences of its own (or echo an article's).
      const body = wrapText(displaySafe(draft), width, '  ', '  ');
      output.write(`${colour ? style('dim', WRITING_MARKER) : WRITING_MARKER}\n${body}`);
      rows = rowsTaken(`${WRITING_MARKER}\n${body}`, width);
    },
    clear,
  };
}

/** Terminal rows `text` takes at `width` columns (a line exactly as wide as the terminal takes one). */
export function rowsTaken(text: string, width: number | undefined): number {
  const columns = usableWidth(width);
  return text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil([...line].length / columns)), 0);
}

function usableWidth(width: number | undefined): number {
  return width !== undefined && Number.isFinite(width) && width >= 1 ? Math.floor(width) : DEFAULT_COLUMNS;
}
