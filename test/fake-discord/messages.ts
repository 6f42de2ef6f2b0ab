import type { NextId } from './snowflake.js';
import type { FakeMessage, FakeUser, World } from './world.js';

// Message flags and types: https://discord.com/developers/docs/resources/message#message-object
export const MessageFlag = { Ephemeral: 1 << 6, Loading: 1 << 7 };
const MessageType = { Default: 0, Reply: 19, ChatInputCommand: 20, ContextMenuCommand: 23 };

export interface UploadedFile {
  field: string;
  filename: string;
  size: number;
  contentType: string;
}

export interface NewMessage {
  channelId: string;
  author: FakeUser;
  body: Record<string, unknown>;
  files?: UploadedFile[];
  /** Set for interaction responses and follow-ups. */
  interaction?: { id: string; type: number; user: FakeUser; commandType?: number };
  /** Extra flags (for example LOADING for a deferred reply). */
  flags?: number;
  /** A forum post's first message shares its id with the thread. */
  id?: string;
}

/**
 * How long a nonce sent with `enforce_nonce` is remembered. Discord says "the past few minutes".
 * https://discord.com/developers/docs/resources/message#create-message-jsonform-params
 */
export const NONCE_WINDOW_MS = 5 * 60 * 1000;

/** Builds, stores and edits Discord message objects for both REST and gateway traffic. */
export class Messages {
  /** `channel/author/nonce` → the message created with it and when. */
  private readonly nonces = new Map<string, { messageId: string; at: number }>();

  constructor(
    private readonly world: World,
    private readonly nextId: NextId,
  ) {}

  create({ channelId, author, body, files = [], interaction, flags = 0, id = this.nextId() }: NewMessage): FakeMessage {
    const channel = this.world.channels.get(channelId);
    const reference = body.message_reference as { message_id?: string } | undefined;
    const referenced = reference?.message_id ? this.world.messages.get(reference.message_id) : undefined;
    const content = typeof body.content === 'string' ? body.content : '';
    const message: FakeMessage = {
      id,
      channel_id: channelId,
      ...(channel?.guild_id ? { guild_id: channel.guild_id } : {}),
      author,
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: body.tts === true,
      mention_everyone: false,
      mentions: this.mentionedUsers(content),
      mention_roles: [],
      attachments: this.attachments(files),
      embeds: embedsOf(body.embeds),
      pinned: false,
      type: interaction
        ? interaction.commandType === 1
          ? MessageType.ChatInputCommand
          : MessageType.ContextMenuCommand
        : referenced
          ? MessageType.Reply
          : MessageType.Default,
      flags: Number(body.flags ?? 0) | flags,
      components: Array.isArray(body.components) ? body.components : [],
      ...(body.nonce !== undefined ? { nonce: body.nonce } : {}),
      ...(referenced
        ? {
            message_reference: { type: 0, message_id: referenced.id, channel_id: referenced.channel_id },
            referenced_message: referenced,
          }
        : {}),
      ...(interaction
        ? {
            webhook_id: this.world.applicationId,
            application_id: this.world.applicationId,
            interaction_metadata: {
              id: interaction.id,
              type: interaction.type,
              user: interaction.user,
              authorizing_integration_owners: {},
            },
          }
        : {}),
    };
    this.world.messages.set(id, message);
    if (channel) {
      channel.last_message_id = id;
      if (channel.message_count !== undefined) channel.message_count++;
    }
    if (typeof body.nonce === 'string' || typeof body.nonce === 'number') {
      this.nonces.set(nonceKey(channelId, author.id, body.nonce), { messageId: id, at: Date.now() });
    }
    return message;
  }

  /** The message this author created in this channel with this nonce within the last few minutes. */
  findByNonce(channelId: string, authorId: string, nonce: unknown, now = Date.now()): FakeMessage | undefined {
    if (typeof nonce !== 'string' && typeof nonce !== 'number') return undefined;
    const seen = this.nonces.get(nonceKey(channelId, authorId, nonce));
    if (!seen || now - seen.at > NONCE_WINDOW_MS) return undefined;
    return this.world.messages.get(seen.messageId);
  }

  /** Applies an edit body: only the fields present change, as with Discord's PATCH. */
  edit(message: FakeMessage, body: Record<string, unknown>, files: UploadedFile[] = []): FakeMessage {
    if (typeof body.content === 'string' || body.content === null) {
      message.content = body.content ?? '';
      message.mentions = this.mentionedUsers(String(message.content));
    }
    if (body.embeds !== undefined) message.embeds = embedsOf(body.embeds);
    if (body.components !== undefined) message.components = Array.isArray(body.components) ? body.components : [];
    if (body.flags !== undefined && body.flags !== null) message.flags = Number(body.flags);
    if (files.length > 0 || body.attachments !== undefined) {
      message.attachments = [...this.keptAttachments(message, body.attachments), ...this.attachments(files)];
    }
    // A deferred reply stops "thinking" once it is edited.
    message.flags = Number(message.flags ?? 0) & ~MessageFlag.Loading;
    message.edited_timestamp = new Date().toISOString();
    return message;
  }

  /** Messages in a channel, newest first, honouring `limit`, `before` and `after`. */
  history(channelId: string, query: Record<string, string>): FakeMessage[] {
    const limit = Math.min(Number(query.limit ?? 50), 100);
    const all = [...this.world.messages.values()]
      .filter((m) => m.channel_id === channelId && !(Number(m.flags ?? 0) & MessageFlag.Ephemeral) && !m.deleted)
      .filter((m) => !query.before || BigInt(m.id) < BigInt(query.before))
      .filter((m) => !query.after || BigInt(m.id) > BigInt(query.after))
      .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
    return all.slice(0, limit);
  }

  private mentionedUsers(content: string): FakeUser[] {
    const ids = new Set([...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1] as string));
    return [...ids].map((id) => this.world.users.get(id)).filter((u): u is FakeUser => u !== undefined);
  }

  private attachments(files: UploadedFile[]): Record<string, unknown>[] {
    return files.map((file) => {
      const id = this.nextId();
      const url = `https://cdn.discordapp.example/attachments/${id}/${file.filename}`;
      return { id, filename: file.filename, size: file.size, url, proxy_url: url, content_type: file.contentType };
    });
  }

  private keptAttachments(message: FakeMessage, wanted: unknown): Record<string, unknown>[] {
    const current = (message.attachments ?? []) as Record<string, unknown>[];
    if (!Array.isArray(wanted)) return current;
    const ids = new Set(wanted.map((a: { id?: unknown }) => String(a.id)));
    return current.filter((a) => ids.has(String(a.id)));
  }
}

function nonceKey(channelId: string, authorId: string, nonce: string | number): string {
  return `${channelId}/${authorId}/${nonce}`;
}

function embedsOf(embeds: unknown): unknown[] {
  // Discord marks embeds sent by bots as `rich`.
  return Array.isArray(embeds) ? embeds.map((e) => ({ type: 'rich', ...(e as object) })) : [];
}
