import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { renderConfigJsonSchema } from '../../lib/config/json-schema';
import { loadConfig } from '../../lib/config/load';
import { deploymentConfigSchema } from '../../lib/config/schema';
import { REMOVE, defaultsWith, type Changes } from '../helpers/config';

const ROOT = join(__dirname, '..', '..');
const SCHEMA_PATH = join(ROOT, 'config.schema.json');
const CONFIG_FILES = [join(ROOT, 'config', 'default.json'), join(ROOT, 'config', 'examples', 'minimal.json'), join(ROOT, 'config', 'examples', 'multi-account.json')];

const rendered = renderConfigJsonSchema();
const jsonSchema: unknown = JSON.parse(rendered);
// Formats are known but not checked: zod adds a pattern for e-mails, and the URL protocol becomes a pattern too.
const validate = new Ajv2020({ allErrors: true, strict: true, formats: { email: true, uri: true } }).compile(jsonSchema as object);

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

/** Every subschema of a JSON Schema, with its JSON pointer. */
function subschemas(node: unknown, pointer = ''): Array<[string, unknown]> {
  if (typeof node !== 'object' || node === null) return [];
  const out: Array<[string, unknown]> = [[pointer, node]];
  for (const [key, value] of Object.entries(node)) {
    if (['properties', '$defs'].includes(key) && typeof value === 'object' && value !== null) {
      for (const [name, child] of Object.entries(value)) out.push(...subschemas(child, `${pointer}/${key}/${name}`));
    } else if (['items', 'additionalProperties', 'propertyNames'].includes(key)) {
      out.push(...subschemas(value, `${pointer}/${key}`));
    } else if (['anyOf', 'allOf', 'oneOf'].includes(key) && Array.isArray(value)) {
      value.forEach((child, i) => out.push(...subschemas(child, `${pointer}/${key}/${i}`)));
    }
  }
  return out;
}

describe('config.schema.json', () => {
  test('is what lib/config/schema.ts generates today (run `npm run docs` after changing the schema)', () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(rendered);
  });

  test('is a titled draft 2020-12 schema without $id, with every schema representable', () => {
    expect(jsonSchema).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', title: expect.any(String), description: expect.any(String) });
    expect(jsonSchema).not.toHaveProperty('$id');
    // unrepresentable: 'any' turns what JSON Schema cannot express into {}: none may hide here.
    const empty = subschemas(jsonSchema).filter(([, s]) => typeof s === 'object' && s !== null && Object.keys(s).length === 0);
    expect(empty.map(([pointer]) => pointer)).toEqual([]);
  });

  test('describes every top-level field', () => {
    const { properties, $defs } = jsonSchema as { properties: Record<string, { description?: string; $ref?: string }>; $defs: Record<string, { description?: string }> };
    const undescribed = Object.entries(properties)
      .filter(([, p]) => !p.description && !(p.$ref && $defs[p.$ref.replace('#/$defs/', '')]?.description))
      .map(([name]) => name);
    expect(undescribed).toEqual([]);
  });

  test.each(CONFIG_FILES)('validates %s, which names it in "$schema"', (path) => {
    const config = readJson(path);
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(resolve(dirname(path), (config as { $schema: string }).$schema)).toBe(SCHEMA_PATH);
  });

  test.each<[string, Changes]>([
    ['an unknown top-level key', { colour: 'blue' }],
    ['a prefix that is not a string', { prefix: 42 }],
    ['a prefix with capitals', { prefix: 'Bad_Prefix' }],
    ['an unknown resource type', { 'systems.0.resources.kinesis': [{ name: 'stream' }] }],
    ['an unknown field on a resource', { 'systems.0.resources.lambda.0.memory': 512 }],
    ['a resource without its name', { 'systems.0.resources.lambda.0.name': REMOVE }],
    ['no systems', { systems: [] }],
    ['a guarded action that does not exist', { 'systems.0.resources.lambda.0.guarded': ['delete-everything'] }],
    ['an escalation URL over http', { 'escalation.httpsUrls': ['http://hooks.example.com/alerts'] }],
    ['a period that is not a multiple of 60', { 'systems.0.alerts.high-latency.periodSeconds': 90 }],
  ])('fails on %s, in the JSON Schema as in zod', (_, changes) => {
    const config = defaultsWith(changes);
    expect(validate(config)).toBe(false);
    expect(deploymentConfigSchema.safeParse(config).success).toBe(false);
  });

  test('accepts a configuration without the defaulted fields, like zod', () => {
    const config = defaultsWith({ region: REMOVE, logRetentionDays: REMOVE, caps: REMOVE, guardrails: REMOVE, escalation: REMOVE, $schema: REMOVE });
    expect(validate(config)).toBe(true);
    expect(deploymentConfigSchema.safeParse(config).success).toBe(true);
  });
});

describe('configuration files', () => {
  test.each(CONFIG_FILES)('%s loads, and "$schema" does not reach the configuration', (path) => {
    const config = loadConfig(path);
    expect(config.systems.length).toBeGreaterThan(0);
    expect(config).not.toHaveProperty('$schema');
  });
});
