import type { NextId } from './snowflake.js';

/** A registered application command as Discord returns it.
 * https://discord.com/developers/docs/interactions/application-commands#application-command-object */
export type RegisteredCommand = Record<string, unknown> & {
  id: string;
  type: number;
  name: string;
  version: string;
  options?: CommandOption[];
};

export type CommandOption = Record<string, unknown> & { type: number; name: string; options?: CommandOption[] };

export const GLOBAL = 'global';

/** Commands per scope (`'global'` or a guild id), with how many times each scope was overwritten. */
export class CommandRegistry {
  private readonly scopes = new Map<string, RegisteredCommand[]>();
  private readonly puts = new Map<string, number>();

  constructor(
    private readonly applicationId: string,
    private readonly nextId: NextId,
  ) {}

  list(scope: string): RegisteredCommand[] {
    return this.scopes.get(scope) ?? [];
  }

  putCount(scope?: string): number {
    if (scope !== undefined) return this.puts.get(scope) ?? 0;
    return [...this.puts.values()].reduce((a, b) => a + b, 0);
  }

  /** Bulk overwrite keeps the id of a command whose type and name are unchanged, as Discord does. */
  overwrite(scope: string, definitions: Record<string, unknown>[]): RegisteredCommand[] {
    this.puts.set(scope, (this.puts.get(scope) ?? 0) + 1);
    const previous = this.list(scope);
    const next = definitions.map((definition) => {
      const type = Number(definition.type ?? 1);
      const old = previous.find((c) => c.type === type && c.name === definition.name);
      return this.build(scope, definition, old);
    });
    this.scopes.set(scope, next);
    return next;
  }

  upsert(scope: string, definition: Record<string, unknown>): RegisteredCommand {
    const type = Number(definition.type ?? 1);
    const list = [...this.list(scope)];
    const index = list.findIndex((c) => c.type === type && c.name === definition.name);
    const command = this.build(scope, definition, list[index]);
    if (index >= 0) list[index] = command;
    else list.push(command);
    this.scopes.set(scope, list);
    return command;
  }

  remove(scope: string, id: string): boolean {
    const list = this.list(scope);
    const kept = list.filter((c) => c.id !== id);
    this.scopes.set(scope, kept);
    return kept.length !== list.length;
  }

  /** A guild command shadows a global one of the same name, as in the Discord client. */
  find(name: string, type: number, guildId?: string): RegisteredCommand | undefined {
    const inGuild = guildId ? this.list(guildId).find((c) => c.name === name && c.type === type) : undefined;
    return inGuild ?? this.list(GLOBAL).find((c) => c.name === name && c.type === type);
  }

  private build(scope: string, definition: Record<string, unknown>, old?: RegisteredCommand): RegisteredCommand {
    const type = Number(definition.type ?? 1);
    const unchanged = old && JSON.stringify(strip(old)) === JSON.stringify(strip(definition));
    return {
      default_member_permissions: null,
      name_localizations: null,
      description_localizations: null,
      nsfw: false,
      integration_types: [0],
      contexts: null,
      ...definition,
      description: String(definition.description ?? ''),
      id: old?.id ?? this.nextId(),
      application_id: this.applicationId,
      ...(scope === GLOBAL ? {} : { guild_id: scope }),
      version: unchanged ? old.version : this.nextId(),
      type,
      name: String(definition.name),
    } as RegisteredCommand;
  }
}

function strip(command: Record<string, unknown>): unknown {
  const { name, description, options, type } = command;
  return { name, description, options: options ?? [], type: Number(type ?? 1) };
}
