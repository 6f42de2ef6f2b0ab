import type { Logger } from '../logger.js';

/** Shows a model's drafts in one Discord message while it writes (see stream-answer.ts). */
export interface DraftEditor {
  /** Shows this draft: now when no edit is in flight, else after it, replacing any draft still waiting. */
  show(draft: string): void;
  /** Drops the draft still waiting and waits for the edit in flight: after this no draft can land. */
  settle(): Promise<void>;
}

/**
 * Edits never overlap: while one is in flight only the newest draft waits, so a slow edit costs
 * stale drafts, not a queue. Settle before the final edit, so a late draft can never overwrite the
 * answer. A draft is a courtesy: an edit that fails is logged and the next draft tried.
 */
export function createDraftEditor(edit: (draft: string) => Promise<unknown>, logger: Logger): DraftEditor {
  let pending: string | null = null;
  let editing: Promise<void> | null = null;

  const flush = async (): Promise<void> => {
    while (pending !== null) {
      const draft = pending;
      pending = null;
      try {
        await edit(draft);
      } catch (err) {
        logger.debug({ err }, 'could not show the draft');
      }
    }
    editing = null;
  };

  return {
    show: (draft) => {
      pending = draft;
      editing ??= flush();
    },
    settle: async () => {
      pending = null;
      await editing;
    },
  };
}
