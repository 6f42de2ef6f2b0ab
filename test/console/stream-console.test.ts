import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ask } from '../../commands/ask.js';
import { runInteractive, runOneShot } from '../../src/console/console.js';
import { rowsTaken } from '../../src/console/draft-view.js';
import { WRITING_MARKER } from '../../src/llm/model-text.js';
import { createLogger } from '../../src/logger.js';
import { FakeOpenAi, passageNumber, type RecordedRequest } from '../llm/fake-openai.js';
import { damStory, lettersPage } from '../llm/fixtures.js';
import { servicesWithModel } from '../llm/model-desk.js';
import { MODEL } from '../llm/model-services.js';
import { VirtualTerminal } from './virtual-terminal.js';

// The console with a model: on a terminal the answer is shown as it is written and then replaced
// by the verified one; piped or one-shot, only the verified answer is printed. The real openai
// client against the local OpenAI-compatible server; a virtual terminal shows what a person sees.

const QUESTION = 'When will the Harlow dam reopen?';
const openai = FakeOpenAi.forTestFile();
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsdesk-stream-console-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A sentence the articles do not support, then two they do: only checked sentences are drafted, and survive. */
function slowAnswer(request: RecordedRequest) {
  const n = passageNumber(request, '12 June');
  const cost = passageNumber(request, 'repairs cost');
  const chunks = [
    `The dam will be painted gold [${n}].`,
    ' The reopening is',
    ` planned for 12 June [${n}].`,
    ' The repairs cost',
    ` 4 million euros [${cost}].`,
    ' It',
  ];
  return { content: chunks.join(''), chunks, chunkDelayMs: 600 };
}

function depsWithModel() {
  return {
    commands: [ask],
    services: servicesWithModel([damStory, lettersPage], openai),
    logger: createLogger({ level: 'silent' }),
  };
}

const sink = () =>
  new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });

describe('the interactive console with a model', () => {
  it('on a terminal, shows the draft marked "writing…", redrawn in place, then only the verified answer', async () => {
    openai.reply(slowAnswer);
    const terminal = new VirtualTerminal(60);
    const input = Object.assign(new PassThrough(), { isTTY: true });
    const session = runInteractive(depsWithModel(), {
      input,
      output: terminal,
      errors: sink(),
      colour: false,
      historyFile: join(dir, 'history'),
    });
    input.write(`${QUESTION}\r`);
    await vi.waitFor(() => expect(terminal.raw).toContain(`Answered by ${MODEL}`), { timeout: 8000 });
    input.end();
    await session;

    // At least two drafts (the model wrote for over a second), each headed "writing…", each erasing the last.
    const drafts = terminal.raw.split(WRITING_MARKER).length - 1;
    expect(drafts).toBeGreaterThanOrEqual(2);
    expect(terminal.raw).not.toContain('painted gold');
    expect(terminal.raw).toContain('\x1b[0J');
    // What is left on the screen: the verified answer, no draft, no marker, no unsupported sentence.
    expect(terminal.screen).toContain('The reopening is planned for 12 June. [1]');
    expect(terminal.screen).not.toContain(WRITING_MARKER);
    expect(terminal.screen).not.toContain('painted gold');
    expect(openai.requests[0]!.body.stream).toBe(true);
  });

  it('piped, prints only the verified answer, asking without streaming', async () => {
    openai.reply((request) => ({
      content: `The reopening is planned for 12 June [${passageNumber(request, '12 June')}].`,
    }));
    let out = '';
    const output = new Writable({
      write(chunk, _encoding, done) {
        out += chunk;
        done();
      },
    });
    const input = new PassThrough();
    input.end(`${QUESTION}\n`);
    await runInteractive(depsWithModel(), {
      input,
      output,
      errors: sink(),
      colour: false,
      historyFile: join(dir, 'h2'),
    });
    expect(out).toContain('The reopening is planned for 12 June. [1]');
    expect(out).not.toContain(WRITING_MARKER);
    expect(openai.requests[0]!.body.stream).toBeUndefined();
  });
});

describe('a terminal that reports 0 columns', () => {
  it('still has its draft erased before the verified answer', async () => {
    openai.reply(slowAnswer);
    let raw = '';
    const output = Object.assign(
      new Writable({
        write(chunk, _encoding, done) {
          raw += chunk;
          done();
        },
      }),
      { isTTY: true, columns: 0 },
    );
    const input = Object.assign(new PassThrough(), { isTTY: true });
    const session = runInteractive(depsWithModel(), {
      input,
      output,
      errors: sink(),
      colour: false,
      historyFile: join(dir, 'h4'),
    });
    input.write(`${QUESTION}\r`);
    await vi.waitFor(() => expect(raw).toContain(`Answered by ${MODEL}`), { timeout: 8000 });
    input.end();
    await session;
    const answer = raw.lastIndexOf('The reopening is planned for 12 June. [1]');
    // The draft was drawn, then the cursor moved back up over it (a finite number of rows) and cleared.
    expect(raw.slice(0, answer)).toContain(WRITING_MARKER);
    expect(raw.slice(0, answer)).toMatch(/\[\d+A/);
    expect(raw.slice(0, answer)).toContain('\x1b[0J');
    expect(raw).not.toMatch(/Infinity|NaN/);
  });
});

describe('a one-shot command with a model', () => {
  it('prints only the final verified answer', async () => {
    openai.reply((request) => ({
      content: `The reopening is planned for 12 June [${passageNumber(request, '12 June')}].`,
    }));
    let out = '';
    const output = Object.assign(
      new Writable({
        write(chunk, _encoding, done) {
          out += chunk;
          done();
        },
      }),
      { isTTY: true, columns: 80 },
    );
    const code = await runOneShot(`/ask ${QUESTION}`, depsWithModel(), {
      input: new PassThrough(),
      output,
      errors: sink(),
      colour: false,
      historyFile: join(dir, 'h3'),
    });
    expect(code).toBe(0);
    expect(out).toContain('The reopening is planned for 12 June. [1]');
    expect(out).not.toContain(WRITING_MARKER);
    expect(out).not.toContain('\x1b[');
  });
});

describe('the rows a draft takes', () => {
  it('counts wrapped lines, a line exactly as wide as the terminal as one', () => {
    expect(rowsTaken('abc', 10)).toBe(1);
    expect(rowsTaken('a'.repeat(10), 10)).toBe(1);
    expect(rowsTaken('a'.repeat(11), 10)).toBe(2);
    expect(rowsTaken('writing…\n  text', 10)).toBe(2);
  });
});
