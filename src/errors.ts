/**
 * An error whose message is written for the person using Newsdesk (a bad option, an unknown
 * article). Anything else thrown is a bug: transports log it with an incident id and show an apology.
 */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';
}
