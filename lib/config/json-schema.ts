import * as z from 'zod';
import { deploymentConfigSchema } from './schema';

const TITLE = 'alert-responder deployment configuration';
const DESCRIPTION =
  'The systems alert-responder watches and remediates, with its guardrails and escalation. Generated from lib/config/schema.ts by `npm run docs`; ' +
  'loadConfig also checks what this schema cannot: unique system ids and resource keys, alert kinds, guarded remediations and autonomy levels that apply to each resource type (and agree with each other), ' +
  'backends that exist, thresholds within each alert kind’s range, and alarm names within CloudWatch’s limit.';

/**
 * `z.url({ protocol })` becomes `format: uri` only; add the protocol as a pattern so editors flag
 * an http:// escalation URL too. The pattern is case-sensitive where zod is not: schemes are lowercase in practice.
 */
function fitFormatsForEditors(ctx: { zodSchema: z.core.$ZodTypes; jsonSchema: z.core.JSONSchema.BaseSchema }): void {
  const { zodSchema, jsonSchema } = ctx;
  // zod names CIDR formats JSON Schema does not define (editors would flag them); its pattern checks the same.
  if ((jsonSchema.format === 'cidrv4' || jsonSchema.format === 'cidrv6') && jsonSchema.pattern !== undefined) delete jsonSchema.format;
  if (!(zodSchema instanceof z.ZodURL)) return;
  const protocol = zodSchema._zod.def.protocol;
  if (protocol && jsonSchema.pattern === undefined) jsonSchema.pattern = `^(?:${protocol.source.replace(/^\^|\$$/g, '')}):`;
}

/** The JSON Schema of configuration files (the input of deploymentConfigSchema: defaulted fields are optional), as committed in config.schema.json. */
export function renderConfigJsonSchema(): string {
  const generated = z.toJSONSchema(deploymentConfigSchema, {
    target: 'draft-2020-12',
    io: 'input',
    // Refinements are dropped (loadConfig checks them); a transform on the input side would become `{}` rather than throw.
    unrepresentable: 'any',
    override: fitFormatsForEditors,
  });
  const { $schema, $id: _id, title: _title, description: _description, ...rest } = generated;
  return `${JSON.stringify({ $schema, title: TITLE, description: DESCRIPTION, ...rest }, null, 2)}\n`;
}
