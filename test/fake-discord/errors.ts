// Error bodies shaped like Discord's so discord.js raises a DiscordAPIError with the right code.
// https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes
export const ErrorCode = {
  General: 0,
  UnknownApplication: 10002,
  UnknownChannel: 10003,
  UnknownGuild: 10004,
  UnknownMember: 10007,
  UnknownMessage: 10008,
  UnknownRole: 10011,
  UnknownUser: 10013,
  UnknownWebhook: 10015,
  UnknownInteraction: 10062,
  MissingAccess: 50001,
  CannotEditOtherUsersMessage: 50005,
  CannotSendInNonTextChannel: 50008,
  InvalidChannelType: 50024,
  MissingPermissions: 50013,
  InvalidFormBody: 50035,
  ThreadArchived: 50083,
  AlreadyAcknowledged: 40060,
  InvalidJson: 50109,
} as const;

export class DiscordHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: unknown,
  ) {
    super(message);
  }

  get body(): Record<string, unknown> {
    return { message: this.message, code: this.code, ...(this.errors ? { errors: this.errors } : {}) };
  }
}

export const notFound = (code: number, message: string) => new DiscordHttpError(404, code, message);

/** A 50035 Invalid Form Body listing the problems the way Discord nests `_errors`. */
export function invalidFormBody(messages: string[]): DiscordHttpError {
  const errors = { body: { _errors: messages.map((message) => ({ code: 'FAKE_DISCORD_LIMIT', message })) } };
  return new DiscordHttpError(400, ErrorCode.InvalidFormBody, 'Invalid Form Body', errors);
}
