// Compiles the product (src/, commands/) to dist/ so `npm start` runs JavaScript instead of compiling
// TypeScript at every start (tsx spent 1.8-6 s of a one-shot command doing that). Run on install
// (`prepare`) and again by scripts/run.mjs whenever a source file is newer than its output, so
// there is never a separate build step to remember.
//
// Each file is transpiled on its own (the project sets isolatedModules and verbatimModuleSyntax,
// which make that exact); type checking stays with `npm run typecheck`. Only files whose source
// changed are transpiled again, so a rebuild after an edit costs milliseconds, not a full tsc run.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(ROOT, 'dist');
// bench/ too, so the bench's corpus processes run the same JavaScript as `npm start` (through tsx
// they held ~45 MB more resident, the loader's own, and measured it as Newsdesk's).
const SOURCE_FOLDERS = ['src', 'commands', 'bench'];
/** Anything here changing (compiler settings, this script) makes every file stale. */
const BUILD_INPUTS = ['tsconfig.json', 'scripts/build.mjs'];
const STAMP = join(DIST, '.built');

/** Source files (relative to ROOT) whose output is missing or older than they are, or all after a settings change. */
function staleSources() {
  const stampTime = mtimeOf(STAMP);
  const settingsChanged = BUILD_INPUTS.some((file) => mtimeOf(join(ROOT, file)) > stampTime);
  const stale = [];
  const expected = new Set();
  for (const folder of SOURCE_FOLDERS) {
    for (const file of listTypeScript(join(ROOT, folder))) {
      const source = relative(ROOT, file);
      const output = outputOf(source);
      expected.add(output);
      if (settingsChanged || mtimeOf(file) > mtimeOf(output)) stale.push(source);
    }
  }
  return { stale, expected };
}

function listTypeScript(dir) {
  const files = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true, recursive: true });
  } catch (err) {
    if (err.code === 'ENOENT') return files; // A folder left out of a deployment (bench/) has nothing to build.
    throw err;
  }
  for (const entry of entries) {
    if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      files.push(join(entry.parentPath ?? entry.path, entry.name));
    }
  }
  return files;
}

export function outputOf(source) {
  return join(DIST, source.replace(/\.ts$/, '.js'));
}

function mtimeOf(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

/** Outputs whose source is gone are removed, so a deleted module cannot still be imported. */
function removeOrphans(expected) {
  for (const folder of SOURCE_FOLDERS) {
    const dir = join(DIST, folder);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true, recursive: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const file = join(entry.parentPath ?? entry.path, entry.name);
      if (entry.isFile() && !expected.has(file)) rmSync(file);
    }
  }
}

/**
 * Brings dist/ up to date. Returns false when TypeScript is not installed (a production install
 * without dev dependencies): the caller then runs the sources through tsx as before.
 */
export function buildIfStale() {
  const { stale, expected } = staleSources();
  if (!stale.length) return true;
  let ts;
  try {
    ts = createRequire(import.meta.url)('typescript');
  } catch {
    return false;
  }
  const compilerOptions = {
    // ESNext rather than the project's NodeNext: transpiling one file cannot look up package.json's
    // "type", and every file here is an ES module.
    module: ts.ModuleKind.ESNext,
    target: ts.ScriptTarget.ES2022,
    verbatimModuleSyntax: true,
    isolatedModules: true,
  };
  for (const source of stale) {
    const { outputText } = ts.transpileModule(readFileSync(join(ROOT, source), 'utf8'), {
      compilerOptions,
      fileName: source,
      reportDiagnostics: false,
    });
    const output = outputOf(source);
    mkdirSync(dirname(output), { recursive: true });
    writeFileSync(output, outputText);
  }
  removeOrphans(expected);
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const built = buildIfStale();
  const ms = Math.round(performance.now() - started);
  process.stderr.write(built ? `dist/ up to date (${ms} ms)\n` : 'typescript not installed: npm start will use tsx\n');
}
