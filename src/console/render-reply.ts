import { inspect } from 'node:util';
import { describeArticle } from '../citations.js';
import type { Citation, Reply } from '../reply.js';
import { displaySafe } from '../text/display-safe.js';

export interface RenderOptions {
  /** Wrap lines to this many columns; omit to leave lines unwrapped (output piped to a file). */
  width?: number;
  colour: boolean;
}

export type Style = 'bold' | 'dim' | 'red' | 'yellow' | 'underline';

/**
 * util.styleText checks process.stdout itself and would drop colour for any other stream, so the
 * codes come from util.inspect's table and the caller decides (TTY, NO_COLOR) once.
 */
export function style(styles: Style | Style[], text: string): string {
  return [styles].flat().reduce((inner, name) => {
    const [open, close] = inspect.colors[name] ?? [0, 0];
    return `\x1b[${open}m${inner}\x1b[${close}m`;
  }, text);
}

/**
 * A reply as plain text: title, intro, the items with their [n] markers, the numbered sources and
 * the footer. Colour only marks structure, so the text reads the same without it. Every piece of
 * text passes through displaySafe: it comes from articles, feeds, the model or what was typed.
 */
export function renderReply(reply: Reply, options: RenderOptions): string {
  const paint = (styles: Style | Style[], text: string) => (options.colour ? style(styles, text) : text);
  const wrap = (text: string, indent = '', hanging = indent) =>
    wrapText(displaySafe(text), options.width, indent, hanging);
  const titleStyle: Style[] =
    reply.tone === 'error' ? ['bold', 'red'] : reply.tone === 'not_found' ? ['bold', 'yellow'] : ['bold'];
  const blocks: string[] = [paint(titleStyle, wrap(reply.title))];
  if (reply.intro) blocks.push(wrap(reply.intro));
  if (reply.items.length) {
    blocks.push(
      reply.items
        .map((item) => {
          const markers = item.cites.map((n) => `[${n}]`).join('');
          return wrap(markers ? `${item.text} ${markers}` : item.text, '  • ', '    ');
        })
        .join('\n'),
    );
  }
  if (reply.citations.length) {
    blocks.push(
      [paint('bold', 'Sources'), ...reply.citations.map((citation) => renderCitation(citation, wrap, paint))].join(
        '\n',
      ),
    );
  }
  if (reply.footer) blocks.push(paint('dim', wrap(reply.footer)));
  return `${blocks.join('\n\n')}\n`;
}

function renderCitation(
  citation: Citation,
  wrap: (text: string, indent?: string, hanging?: string) => string,
  paint: (styles: Style | Style[], text: string) => string,
): string {
  const marker = `[${citation.n}] `;
  const line = wrap(describeArticle(citation), marker, ' '.repeat(marker.length));
  return citation.url ? `${line}\n${' '.repeat(marker.length)}${paint('underline', displaySafe(citation.url))}` : line;
}

/** Greedy word wrap; words longer than the line (URLs) are left whole rather than broken. */
export function wrapText(text: string, width: number | undefined, indent = '', hanging = indent): string {
  const paragraphs = text.split('\n');
  if (!width) return paragraphs.map((line, i) => (i === 0 ? indent : hanging) + line).join('\n');
  const lines: string[] = [];
  for (const paragraph of paragraphs) {
    let line = lines.length ? hanging : indent;
    let empty = true;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (!empty && line.length + 1 + word.length > width) {
        lines.push(line);
        line = hanging + word;
      } else {
        line += empty ? word : ` ${word}`;
      }
      empty = false;
    }
    lines.push(line);
  }
  return lines.join('\n');
}
