import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// Discord's own OpenAPI description (https://github.com/discord/discord-api-spec), kept beside the
// project. Discord calls it a preview: where it disagrees with the docs the docs win, so a schema that
// will not compile is a warning, never a violation.
export const DEFAULT_SPEC_PATH = fileURLToPath(
  new URL('../../../shared/discord-api-spec/openapi.json', import.meta.url),
);

// ajv ships CommonJS; under NodeNext the default import types as the module object, and at run time
// the exported class carries itself as `.default`, so `.default` is right for both.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

// Printed once per process: every test starts its own fake.
let noticedMissingSpec = false;

type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  literalSegments: number;
  pointer: string | null;
}

export type SpecCheck =
  | { kind: 'skipped' }
  | { kind: 'valid'; operation: string }
  | { kind: 'invalid'; operation: string; errors: string[] }
  | { kind: 'unknown-operation' }
  | { kind: 'uncompilable'; operation: string; error: string };

/** Validates REST request bodies against the request schema of the operation matching method + path. */
export class SpecValidator {
  private readonly operations: Operation[] = [];
  private readonly compiled = new Map<string, Validate | Error>();
  private readonly ajv: InstanceType<typeof Ajv2020> | null = null;
  readonly available: boolean;

  constructor(specPath: string | null, onNotice: (message: string) => void) {
    if (!specPath || !existsSync(specPath)) {
      this.available = false;
      if (noticedMissingSpec) return;
      noticedMissingSpec = true;
      onNotice(`fake-discord: no OpenAPI spec at ${specPath ?? '(disabled)'}; request bodies are not schema-validated`);
      return;
    }
    const spec = JSON.parse(readFileSync(specPath, 'utf8')) as { paths: Record<string, Record<string, unknown>> };
    this.available = true;
    this.ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
    addFormats(this.ajv);
    // Discord's own formats; the snowflake pattern is already in the schemas that use it.
    for (const format of ['snowflake', 'nonce']) this.ajv.addFormat(format, true);
    this.ajv.addSchema(spec, 'discord-openapi');
    for (const [template, item] of Object.entries(spec.paths)) {
      for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
        const operation = item[method] as { requestBody?: { content?: Record<string, unknown> } } | undefined;
        if (!operation) continue;
        const hasJson = operation.requestBody?.content?.['application/json'] !== undefined;
        this.operations.push({
          method: method.toUpperCase(),
          template,
          pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+').replace(/[@.]/g, '\\$&')}$`),
          literalSegments: template.split('/').filter((s) => s && !s.startsWith('{')).length,
          pointer: hasJson
            ? `#/paths/${escapePointer(template)}/${method}/requestBody/content/application~1json/schema`
            : null,
        });
      }
    }
    // `/users/@me` must win over `/users/{user_id}`: prefer the template with more literal segments.
    this.operations.sort((a, b) => b.literalSegments - a.literalSegments);
  }

  check(method: string, path: string, body: unknown): SpecCheck {
    if (!this.available || !this.ajv) return { kind: 'skipped' };
    const operation = this.operations.find((o) => o.method === method && o.pattern.test(path));
    if (!operation) return { kind: 'unknown-operation' };
    const name = `${method} ${operation.template}`;
    if (!operation.pointer || body === undefined) return { kind: 'valid', operation: name };
    let validate = this.compiled.get(name);
    if (!validate) {
      try {
        validate = this.ajv.compile({ $ref: `discord-openapi${operation.pointer}` }) as Validate;
      } catch (error) {
        validate = error instanceof Error ? error : new Error(String(error));
      }
      this.compiled.set(name, validate);
      if (validate instanceof Error) return { kind: 'uncompilable', operation: name, error: validate.message };
    }
    if (validate instanceof Error) return { kind: 'valid', operation: name };
    if (validate(body)) return { kind: 'valid', operation: name };
    // With anyOf/oneOf Ajv reports every branch; the deepest errors are the ones that explain the failure.
    const depth = (path: string) => path.split('/').length;
    const errors = [...(validate.errors ?? [])]
      .sort((a, b) => depth(b.instancePath) - depth(a.instancePath))
      .map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''}`)
      .filter((text, i, all) => all.indexOf(text) === i)
      .slice(0, 3);
    return { kind: 'invalid', operation: name, errors };
  }
}

function escapePointer(segment: string): string {
  return encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'));
}
