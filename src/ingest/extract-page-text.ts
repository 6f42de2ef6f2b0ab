import { Worker } from 'node:worker_threads';

/**
 * A page's text may take longer than this to extract (megabytes of HTML); past it the worker is
 * stopped and the feed's own summary is used.
 */
export const PAGE_EXTRACTION_TIMEOUT_MS = 20_000;

export class PageExtractionError extends Error {}

/**
 * The article text of a web page (Readability over linkedom, `extractArticleText`), computed in a
 * worker thread: parsing a few megabytes of HTML takes seconds of CPU, and on the bot's own thread
 * that would hold every interaction past Discord's 3-second window. Run from TypeScript sources
 * (tsx, the tests) the worker loads html-text through tsx's loader; from the compiled build, the
 * compiled file.
 */
export function extractPageText(html: string, timeoutMs = PAGE_EXTRACTION_TIMEOUT_MS): Promise<string | null> {
  const fromSource = import.meta.url.endsWith('.ts');
  const module = new URL(`./html-text.${fromSource ? 'ts' : 'js'}`, import.meta.url).href;
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { html, module, fromSource } });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new PageExtractionError(`page text not extracted within ${timeoutMs} ms`));
    }, timeoutMs);
    const settle = () => clearTimeout(timer);
    worker.once('message', (text: string | null) => {
      settle();
      resolve(text);
      void worker.terminate();
    });
    worker.once('error', (err) => {
      settle();
      reject(err);
    });
    worker.once('exit', (code) => {
      settle();
      reject(new PageExtractionError(`page text worker exited (${code}) without an answer`));
    });
  });
}

/** The worker's script: loads html-text (through tsx's loader when run from sources) and answers once. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { html, module, fromSource } = workerData;
const load = fromSource ? import('tsx/esm/api').then(({ tsImport }) => tsImport(module, module)) : import(module);
load.then((loaded) => parentPort.postMessage(loaded.extractArticleText(html)));
`;
