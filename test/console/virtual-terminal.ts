import { Writable } from 'node:stream';

/**
 * Just enough of a terminal to see what a person would see: printable text wrapping at `columns`,
 * CR, LF (as CR LF, as a terminal's output processing does), and the cursor and erase sequences
 * readline's helpers write (CSI n A/B/C/D/G, J, K). Other escape sequences (colour) are ignored.
 */
/** A control sequence's parameters and command, after its ESC [. */
const CSI = /^([0-9;?]*)([A-Za-z])/;

export class VirtualTerminal extends Writable {
  readonly isTTY = true;
  /** Everything written, escape sequences included. */
  raw = '';
  private rows: string[][] = [[]];
  private row = 0;
  private col = 0;

  constructor(readonly columns = 80) {
    super();
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    const text = String(chunk);
    this.raw += text;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (c === '\x1b' && text[i + 1] === '[') {
        const match = CSI.exec(text.slice(i + 2));
        if (match) {
          this.csi(match[1]!, match[2]!);
          i += match[0].length + 1;
          continue;
        }
      }
      if (c === '\r') this.col = 0;
      else if (c === '\n') {
        this.col = 0;
        this.row++;
      } else if (c >= ' ') this.put(c);
    }
    done();
  }

  /** The screen as lines of text, trailing blanks trimmed. */
  get screen(): string {
    return this.rows
      .map((cells) => cells.join('').trimEnd())
      .join('\n')
      .trimEnd();
  }

  private put(c: string): void {
    if (this.col >= this.columns) {
      this.col = 0;
      this.row++;
    }
    const cells = this.line(this.row);
    while (cells.length < this.col) cells.push(' ');
    cells[this.col++] = c;
  }

  private line(row: number): string[] {
    while (this.rows.length <= row) this.rows.push([]);
    return this.rows[row]!;
  }

  private csi(params: string, command: string): void {
    const n = Number(params.split(';')[0] || (command === 'J' || command === 'K' ? 0 : 1));
    if (command === 'A') this.row = Math.max(0, this.row - n);
    else if (command === 'B') this.row += n;
    else if (command === 'C') this.col += n;
    else if (command === 'D') this.col = Math.max(0, this.col - n);
    else if (command === 'G') this.col = n - 1;
    else if (command === 'K') this.line(this.row).length = n === 0 ? Math.min(this.col, this.line(this.row).length) : 0;
    else if (command === 'J' && n === 0) {
      this.line(this.row).length = Math.min(this.col, this.line(this.row).length);
      this.rows.length = this.row + 1;
    }
  }
}
