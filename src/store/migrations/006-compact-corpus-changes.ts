import type { Migration } from './migration.js';

// The corpus change log keeps only each article's latest entry (a follower acts on an article's
// latest entry after its position, so the earlier ones change nothing): an index to find them, and
// the entries already superseded dropped once.
export const compactCorpusChanges: Migration = {
  version: 6,
  name: 'one corpus change log entry per article',
  sqlite: `
    CREATE INDEX corpus_changes_article ON corpus_changes (article_id);
    DELETE FROM corpus_changes WHERE seq NOT IN (SELECT MAX(seq) FROM corpus_changes GROUP BY article_id);
  `,
  postgres: `
    CREATE INDEX corpus_changes_article ON corpus_changes (article_id);
    DELETE FROM corpus_changes WHERE seq NOT IN (SELECT MAX(seq) FROM corpus_changes GROUP BY article_id);
  `,
};
