// Discord's documented limits, checked on everything a bot sends so a test fails where Discord would
// reject (or the project forbids) a request. Limits:
// https://discord.com/developers/docs/resources/message#create-message-jsonform-params
// https://discord.com/developers/docs/resources/message#embed-object-embed-limits
// https://discord.com/developers/docs/components/reference
// https://discord.com/developers/docs/interactions/application-commands#application-command-object
export const MAX_CONTENT = 2000;
export const MAX_EMBEDS = 10;
export const MAX_EMBED_TITLE = 256;
export const MAX_EMBED_DESCRIPTION = 4096;
export const MAX_EMBED_FIELDS = 25;
export const MAX_EMBED_FIELD_NAME = 256;
export const MAX_EMBED_FIELD_VALUE = 1024;
export const MAX_EMBED_FOOTER = 2048;
export const MAX_EMBED_AUTHOR = 256;
export const MAX_EMBED_TOTAL = 6000;
export const MAX_ACTION_ROWS = 5;
export const MAX_BUTTONS_PER_ROW = 5;
export const MAX_CUSTOM_ID = 100;
export const MAX_V2_COMPONENTS = 40;
export const MAX_CHOICES = 25;
export const MAX_CHOICE_NAME = 100;
export const MAX_CHOICE_VALUE = 100;
export const MAX_COMMAND_NAME = 32;
export const MAX_COMMAND_DESCRIPTION = 100;
export const MAX_COMMAND_OPTIONS = 25;
export const MAX_MODAL_TITLE = 45;
export const MAX_NONCE = 25;
export const MAX_THREAD_NAME = 100;

// Message flag IS_COMPONENTS_V2 switches to the component layout with a 40-component budget.
// https://discord.com/developers/docs/resources/message#message-object-message-flags
const IS_COMPONENTS_V2 = 1 << 15;

// Chat input command names: lowercase letters, digits, `-` and `_` in any script.
// https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-naming
const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

export interface Problem {
  rule: string;
  message: string;
}

type Json = Record<string, unknown>;

const MESSAGE_FIELDS = ['content', 'embeds', 'components', 'attachments', 'poll', 'sticker_ids'];

/** Whether a body creates or edits message content (a deferral or a flags-only body does not). */
export function carriesMessageContent(body: unknown): body is Json {
  return isObject(body) && MESSAGE_FIELDS.some((field) => body[field] !== undefined && body[field] !== null);
}

/**
 * Newsdesk sends every message with mentions disabled: an article quoting "@everyone" must never ping
 * a server. https://discord.com/developers/docs/resources/message#allowed-mentions-object
 */
export function checkAllowedMentions(body: Json): Problem[] {
  const rule = 'allowed-mentions';
  const mentions = body.allowed_mentions;
  if (!isObject(mentions)) {
    return [{ rule, message: 'message body has no allowed_mentions (expected { parse: [] })' }];
  }
  const problems: Problem[] = [];
  if (!Array.isArray(mentions.parse) || mentions.parse.length > 0) {
    problems.push({ rule, message: `allowed_mentions.parse must be [] (got ${JSON.stringify(mentions.parse)})` });
  }
  for (const list of ['users', 'roles']) {
    if (Array.isArray(mentions[list]) && (mentions[list] as unknown[]).length > 0) {
      problems.push({ rule, message: `allowed_mentions.${list} must be empty` });
    }
  }
  if (mentions.replied_user === true) problems.push({ rule, message: 'allowed_mentions.replied_user must be false' });
  return problems;
}

export function checkMessageLimits(body: Json): Problem[] {
  const problems: Problem[] = [];
  const over = (what: string, length: number, max: number) => {
    if (length > max) problems.push({ rule: 'message-limits', message: `${what} is ${length} (max ${max})` });
  };
  if (typeof body.content === 'string') over('content length', body.content.length, MAX_CONTENT);
  if (Array.isArray(body.embeds)) {
    over('embed count', body.embeds.length, MAX_EMBEDS);
    let total = 0;
    body.embeds.forEach((embed: unknown, i) => {
      if (!isObject(embed)) return;
      const text = (value: unknown, what: string, max: number) => {
        const length = typeof value === 'string' ? value.length : 0;
        over(`embeds[${i}].${what} length`, length, max);
        total += length;
      };
      text(embed.title, 'title', MAX_EMBED_TITLE);
      text(embed.description, 'description', MAX_EMBED_DESCRIPTION);
      text(isObject(embed.footer) ? embed.footer.text : undefined, 'footer.text', MAX_EMBED_FOOTER);
      text(isObject(embed.author) ? embed.author.name : undefined, 'author.name', MAX_EMBED_AUTHOR);
      const fields = Array.isArray(embed.fields) ? embed.fields : [];
      over(`embeds[${i}].fields count`, fields.length, MAX_EMBED_FIELDS);
      fields.forEach((field: unknown, j) => {
        if (!isObject(field)) return;
        text(field.name, `fields[${j}].name`, MAX_EMBED_FIELD_NAME);
        text(field.value, `fields[${j}].value`, MAX_EMBED_FIELD_VALUE);
      });
    });
    over('total embed characters', total, MAX_EMBED_TOTAL);
  }
  if (Array.isArray(body.components)) problems.push(...checkComponents(body.components, Number(body.flags ?? 0)));
  problems.push(...checkNonce(body.nonce));
  return problems;
}

/** A nonce is an integer or a string of at most 25 characters. */
function checkNonce(nonce: unknown): Problem[] {
  if (nonce === undefined || nonce === null || Number.isSafeInteger(nonce)) return [];
  if (typeof nonce !== 'string') return [{ rule: 'message-limits', message: 'nonce must be a string or an integer' }];
  return nonce.length > MAX_NONCE
    ? [{ rule: 'message-limits', message: `nonce length is ${nonce.length} (max ${MAX_NONCE})` }]
    : [];
}

function checkComponents(components: unknown[], flags: number): Problem[] {
  const problems: Problem[] = [];
  const rule = 'component-limits';
  let count = 0;
  const visit = (component: unknown, path: string) => {
    if (!isObject(component)) return;
    count++;
    if (typeof component.custom_id === 'string' && component.custom_id.length > MAX_CUSTOM_ID) {
      problems.push({
        rule,
        message: `${path}.custom_id length is ${component.custom_id.length} (max ${MAX_CUSTOM_ID})`,
      });
    }
    const children = Array.isArray(component.components) ? component.components : [];
    children.forEach((child: unknown, i) => {
      visit(child, `${path}.components[${i}]`);
    });
    if (isObject(component.accessory)) visit(component.accessory, `${path}.accessory`);
  };
  components.forEach((component, i) => {
    visit(component, `components[${i}]`);
  });
  if (flags & IS_COMPONENTS_V2) {
    if (count > MAX_V2_COMPONENTS) problems.push({ rule, message: `${count} components (max ${MAX_V2_COMPONENTS})` });
    return problems;
  }
  if (components.length > MAX_ACTION_ROWS) {
    problems.push({ rule, message: `${components.length} action rows (max ${MAX_ACTION_ROWS})` });
  }
  components.forEach((row, i) => {
    const children = isObject(row) && Array.isArray(row.components) ? row.components : [];
    const buttons = children.filter((c: unknown) => isObject(c) && c.type === 2).length;
    if (buttons > MAX_BUTTONS_PER_ROW) {
      problems.push({ rule, message: `components[${i}] has ${buttons} buttons (max ${MAX_BUTTONS_PER_ROW})` });
    }
  });
  return problems;
}

/** https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-autocomplete */
export function checkAutocompleteChoices(data: unknown): Problem[] {
  const rule = 'autocomplete-limits';
  const choices = isObject(data) && Array.isArray(data.choices) ? data.choices : undefined;
  if (!choices) return [{ rule, message: 'autocomplete result has no choices array' }];
  return checkChoices(choices, 'choices', rule);
}

function checkChoices(choices: unknown[], path: string, rule: string): Problem[] {
  const problems: Problem[] = [];
  if (choices.length > MAX_CHOICES)
    problems.push({ rule, message: `${path} has ${choices.length} (max ${MAX_CHOICES})` });
  choices.forEach((choice, i) => {
    if (!isObject(choice)) return;
    const name = String(choice.name ?? '');
    if (name.length < 1 || name.length > MAX_CHOICE_NAME) {
      problems.push({ rule, message: `${path}[${i}].name length is ${name.length} (1-${MAX_CHOICE_NAME})` });
    }
    if (typeof choice.value === 'string' && choice.value.length > MAX_CHOICE_VALUE) {
      problems.push({
        rule,
        message: `${path}[${i}].value length is ${choice.value.length} (max ${MAX_CHOICE_VALUE})`,
      });
    }
  });
  return problems;
}

/** https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-modal */
export function checkModal(data: unknown): Problem[] {
  const rule = 'modal-limits';
  if (!isObject(data)) return [{ rule, message: 'modal response has no data' }];
  const problems: Problem[] = [];
  const title = String(data.title ?? '');
  if (title.length < 1 || title.length > MAX_MODAL_TITLE) {
    problems.push({ rule, message: `modal title length is ${title.length} (1-${MAX_MODAL_TITLE})` });
  }
  const customId = String(data.custom_id ?? '');
  if (customId.length < 1 || customId.length > MAX_CUSTOM_ID) {
    problems.push({ rule, message: `modal custom_id length is ${customId.length} (1-${MAX_CUSTOM_ID})` });
  }
  if (Array.isArray(data.components)) problems.push(...checkComponents(data.components, 0));
  return problems;
}

export function checkCommandDefinitions(commands: unknown): Problem[] {
  const rule = 'command-limits';
  if (!Array.isArray(commands)) return [{ rule, message: 'bulk overwrite body must be an array of commands' }];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  commands.forEach((command, i) => {
    if (!isObject(command)) return;
    const type = Number(command.type ?? 1);
    const key = `${type}:${String(command.name)}`;
    if (seen.has(key)) problems.push({ rule, message: `commands[${i}] duplicates the name ${String(command.name)}` });
    seen.add(key);
    problems.push(...checkNamed(command, `commands[${i}]`, type === 1, rule));
    problems.push(...checkOptions(command.options, `commands[${i}]`, rule));
  });
  return problems;
}

function checkNamed(item: Json, path: string, chatInput: boolean, rule: string): Problem[] {
  const problems: Problem[] = [];
  const name = String(item.name ?? '');
  if (chatInput && (!COMMAND_NAME.test(name) || name !== name.toLowerCase())) {
    problems.push({ rule, message: `${path}.name "${name}" must be 1-${MAX_COMMAND_NAME} lowercase characters` });
  } else if (name.length < 1 || name.length > MAX_COMMAND_NAME) {
    problems.push({ rule, message: `${path}.name length is ${name.length} (1-${MAX_COMMAND_NAME})` });
  }
  const description = String(item.description ?? '');
  if (chatInput && (description.length < 1 || description.length > MAX_COMMAND_DESCRIPTION)) {
    problems.push({
      rule,
      message: `${path}.description length is ${description.length} (1-${MAX_COMMAND_DESCRIPTION})`,
    });
  }
  if (!chatInput && description.length > 0) {
    problems.push({ rule, message: `${path}.description must be empty for user and message commands` });
  }
  return problems;
}

function checkOptions(options: unknown, path: string, rule: string): Problem[] {
  if (options === undefined || options === null) return [];
  if (!Array.isArray(options)) return [{ rule, message: `${path}.options must be an array` }];
  const problems: Problem[] = [];
  if (options.length > MAX_COMMAND_OPTIONS) {
    problems.push({ rule, message: `${path}.options has ${options.length} (max ${MAX_COMMAND_OPTIONS})` });
  }
  let sawOptional = false;
  options.forEach((option, i) => {
    if (!isObject(option)) return;
    const at = `${path}.options[${i}]`;
    problems.push(...checkNamed(option, at, true, rule));
    if (option.required === true && sawOptional) {
      problems.push({ rule, message: `${at} is required but follows an optional option` });
    }
    if (option.required !== true) sawOptional = true;
    if (Array.isArray(option.choices)) problems.push(...checkChoices(option.choices, `${at}.choices`, rule));
    problems.push(...checkOptions(option.options, at, rule));
  });
  return problems;
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
