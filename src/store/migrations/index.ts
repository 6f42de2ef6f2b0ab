import { subscriptionsArticlesOutbox } from './001-subscriptions-articles-outbox.js';
import type { Migration } from './migration.js';

export { CREATE_SCHEMA_MIGRATIONS, type Migration } from './migration.js';

/** Every migration, in the order they are applied. */
export const MIGRATIONS: readonly Migration[] = [subscriptionsArticlesOutbox];
