import type { DigestSchedule, NewSubscription } from './subscription.js';

const DIGEST_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A time zone name the runtime's Intl knows (the IANA database), e.g. `America/New_York`. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * The store refuses a subscription it could not deliver: a digest without a valid time and zone.
 * Commands check first and word the message for the user; this is the last line.
 */
export function checkNewSubscription(subscription: NewSubscription): DigestSchedule | null {
  if (subscription.mode === 'every') return null;
  const digest = subscription.digest;
  if (!digest) throw new RangeError('a digest subscription needs a time and a time zone');
  if (!DIGEST_TIME.test(digest.time)) throw new RangeError(`digest time should be HH:MM, not ${digest.time}`);
  if (!isTimeZone(digest.timeZone)) throw new RangeError(`unknown time zone ${digest.timeZone}`);
  return digest;
}
