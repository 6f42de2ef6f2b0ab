import type { ButtonInteraction, ChatInputCommandInteraction } from 'discord.js';
import type { CommandContext, MemberPermission } from '../command.js';
import { MEMBER_PERMISSION_BITS } from './command-json.js';
import type { DiscordDeps } from './deps.js';

/**
 * What a command is told about who runs it and where, built the same way for a slash command and
 * for a page button, so `checkAccess` judges both alike: a button is no back door.
 */
export function commandContext(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  deps: DiscordDeps,
): CommandContext {
  return {
    services: deps.services,
    now: deps.now?.() ?? new Date(),
    locale: interaction.locale,
    userId: interaction.user.id,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    memberPermissions: memberPermissionsOf(interaction),
    ...(deps.channels ? { channels: deps.channels } : {}),
  };
}

/** The member's permissions in the channel of the interaction, as Discord computed them. */
function memberPermissionsOf(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
): ReadonlySet<MemberPermission> {
  const held = new Set<MemberPermission>();
  const permissions = interaction.memberPermissions;
  if (!permissions) return held;
  for (const [name, bit] of Object.entries(MEMBER_PERMISSION_BITS) as [MemberPermission, bigint][]) {
    if (permissions.has(bit)) held.add(name);
  }
  return held;
}
