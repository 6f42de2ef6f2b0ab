import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Whether the module at `moduleUrl` is the script node was asked to run (`npx tsx eval/qa.ts DIR`). */
export function isScript(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && moduleUrl === pathToFileURL(script).href;
}

/** The data folder a script was given, holding `holds` if named; otherwise prints `usage` and exits. */
export function dataDirArgument(usage: string, holds?: string): string {
  const dir = process.argv[2];
  if (!dir || (holds !== undefined && !existsSync(join(dir, holds)))) {
    process.stderr.write(`usage: ${usage}\n`);
    process.exit(2);
  }
  return dir;
}
