import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** cdk.json at the root of the repository: the app command, and the context the CLI passes to it. */
export const CDK_JSON_PATH = join(__dirname, '..', '..', 'cdk.json');

/** Keys of cdk.json's context the CLI reads itself rather than passing to the app. */
const CLI_ONLY_KEYS = new Set(['cli-telemetry']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The context `cdk synth` gives the app from cdk.json (the feature flags above all), so tests and
 * benchmarks synthesize what users deploy rather than CDK's unflagged defaults.
 */
export function cdkJsonContext(): Record<string, unknown> {
  const json: unknown = JSON.parse(readFileSync(CDK_JSON_PATH, 'utf8'));
  const context = isRecord(json) ? json.context : undefined;
  if (!isRecord(context)) throw new Error(`${CDK_JSON_PATH} has no "context" object`);
  return Object.fromEntries(Object.entries(context).filter(([key]) => !CLI_ONLY_KEYS.has(key)));
}
