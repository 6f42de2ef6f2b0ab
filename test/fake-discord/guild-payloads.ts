import type { FakeGuild } from './world.js';

/** Threads a member sees in GUILD_CREATE: the active ones (archived threads are fetched on demand). */
function activeThreads(guild: FakeGuild) {
  return guild.threads.filter((thread) => !thread.thread_metadata?.archived);
}

/** The GUILD_CREATE payload for a guild. https://discord.com/developers/docs/events/gateway-events#guild-create */
export function guildCreatePayload(guild: FakeGuild): Record<string, unknown> {
  return {
    ...guildObject(guild),
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: guild.members.length,
    members: guild.members,
    channels: guild.channels.map(({ guild_id: _, ...channel }) => channel),
    threads: activeThreads(guild),
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/** The REST guild object. https://discord.com/developers/docs/resources/guild#guild-object */
export function guildObject(guild: FakeGuild): Record<string, unknown> {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.owner_id,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: guild.roles,
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    safety_alerts_channel_id: null,
  };
}
