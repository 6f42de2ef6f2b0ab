/**
 * A bot token's first part is the bot's user id in base64, and a bot's user id is its
 * application's id, so DISCORD_APPLICATION_ID can be left out.
 * https://discord.com/developers/docs/reference#authentication
 */
export function applicationIdFromToken(token: string): string | null {
  const [head] = token.split('.');
  if (!head) return null;
  const id = Buffer.from(head, 'base64').toString('utf8');
  return /^\d{17,20}$/.test(id) ? id : null;
}

/** The configured application id, else the one in the token; a clear error when neither gives one. */
export function resolveApplicationId(configured: string | undefined, token: string | undefined): string {
  const id = configured ?? (token ? applicationIdFromToken(token) : null);
  if (!id) {
    throw new Error(
      'Set DISCORD_APPLICATION_ID (Developer Portal → General Information → Application ID); it could not be read from DISCORD_TOKEN.',
    );
  }
  return id;
}
