import { Writable } from 'node:stream';
import pino from 'pino';

/** A real pino logger whose lines are kept, parsed, for a test to read. */
export function capturingLogger(level: pino.Level = 'debug') {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino({ level }, stream), lines };
}
