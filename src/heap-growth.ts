import { setFlagsFromString } from 'node:v8';

/**
 * How much the JavaScript heap may grow past what the last full collection kept before the next
 * one, in percent. V8 picks 10–300 % by itself, and after each story-wide view (seconds of reading
 * every article) it let garbage pile up to well over what the views keep: at 10k articles, a warm
 * process with every command answered peaked ~60 MB higher. Collections come sooner instead.
 */
export const HEAP_GROWING_PERCENT = 30;

/**
 * Sets the heap's growth for this process. Called first thing by each process that holds a corpus
 * (the bot or console, each shard, the bench's corpus processes): node only takes the flag on its
 * command line, not in NODE_OPTIONS, and V8 reads it at each collection, so setting it at start
 * works the same.
 */
export function limitHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
