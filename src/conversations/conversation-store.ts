import { ExpiringLru } from './expiring-lru.js';

/**
 * Where a conversation lives: one reply chain, for one person. Every part is in the key, so context
 * is never shared across users, channels or servers, even when two people reply to the same answer.
 */
export interface ConversationKey {
  /** null in a DM. */
  guildId: string | null;
  channelId: string;
  /** The message that started the reply chain (the first question). */
  rootId: string;
  userId: string;
}

/** A message somewhere on the platform. */
export interface MessageLocation {
  guildId: string | null;
  channelId: string;
  messageId: string;
}

export interface Turn {
  /** As the person asked it. */
  question: string;
  /** Made self-contained for retrieval (see `followUpQuestion`); what was actually answered. */
  standalone: string;
  /** The person the answer was mostly about, which "he", "she" or "they" in a follow-up refer to. */
  person: string | null;
  /** Epoch ms. */
  at: number;
}

/** One conversation, as the answering use case sees it: its turns so far, and a way to add one. */
export interface Conversation {
  history(): readonly Turn[];
  record(turn: Omit<Turn, 'at'>): void;
}

export interface ConversationStoreOptions {
  /** A conversation is forgotten this long after its last turn. */
  ttlMs?: number;
  /** Turns kept per conversation; older ones drop off. */
  maxTurns?: number;
  /** Conversations (and as many answer links) kept in memory; the least recently used go first. */
  maxConversations?: number;
  now?: () => number;
}

export const CONVERSATION_TTL_MS = 30 * 60 * 1000;
export const MAX_TURNS = 6;
export const MAX_CONVERSATIONS = 10_000;
/** A bot answer links to its chain's root; answers per conversation are at most its turns. */
const LINKS_PER_CONVERSATION = MAX_TURNS;

/**
 * Per-chain, per-user history of questions and answers, in memory and bounded (LRU with a TTL): a
 * follow-up is read in the context of the turns before it. Also remembers which chain each answer
 * belongs to, so a reply to an answer continues its chain without fetching the message replied to.
 */
export class ConversationStore {
  private readonly conversations: ExpiringLru<string, Turn[]>;
  private readonly roots: ExpiringLru<string, string>;
  private readonly maxTurns: number;
  private readonly now: () => number;

  constructor(options: ConversationStoreOptions = {}) {
    const ttl = options.ttlMs ?? CONVERSATION_TTL_MS;
    const max = options.maxConversations ?? MAX_CONVERSATIONS;
    this.now = options.now ?? Date.now;
    this.maxTurns = Math.max(1, options.maxTurns ?? MAX_TURNS);
    this.conversations = new ExpiringLru(max, ttl, this.now);
    this.roots = new ExpiringLru(max * LINKS_PER_CONVERSATION, ttl, this.now);
  }

  /** The conversation's turns, oldest first; empty when new or expired. */
  history(key: ConversationKey): readonly Turn[] {
    return this.conversations.get(conversationId(key)) ?? [];
  }

  record(key: ConversationKey, turn: Omit<Turn, 'at'>): void {
    const id = conversationId(key);
    const turns = [...(this.conversations.get(id) ?? []), { ...turn, at: this.now() }];
    this.conversations.set(id, turns.slice(-this.maxTurns));
  }

  /** The conversation at `key`, bound to this store. */
  conversation(key: ConversationKey): Conversation {
    return { history: () => this.history(key), record: (turn) => this.record(key, turn) };
  }

  /** Remembers that a message the bot sent answers the chain starting at `rootId`. */
  linkAnswer(answer: MessageLocation, rootId: string): void {
    this.roots.set(locationId(answer), rootId);
  }

  /** The root of the chain an answer belongs to, if the bot sent it recently. */
  rootOf(answer: MessageLocation): string | undefined {
    return this.roots.get(locationId(answer));
  }

  get size(): number {
    return this.conversations.size;
  }
}

/** Ids are snowflakes (digits), so '/' can never appear inside a part and make two keys collide. */
function conversationId(key: ConversationKey): string {
  return [key.guildId ?? 'dm', key.channelId, key.rootId, key.userId].join('/');
}

function locationId(location: MessageLocation): string {
  return [location.guildId ?? 'dm', location.channelId, location.messageId].join('/');
}

/**
 * A conversation of its own, kept as the bot keeps a reply chain's (bounded, forgotten after
 * CONVERSATION_TTL_MS): the console's, where one operator asks one question after another.
 */
export function soleConversation(options: ConversationStoreOptions = {}): Conversation {
  return new ConversationStore({ ...options, maxConversations: 1 }).conversation({
    guildId: null,
    channelId: 'console',
    rootId: 'session',
    userId: 'operator',
  });
}
