import { readFileSync } from 'node:fs';
import { parseConfig } from '../../lib/config/load';
import type { DeploymentConfig } from '../../lib/config/schema';
import { DEFAULT_CONFIG_PATH } from './synth';

/** Marks a field to remove. */
export const REMOVE = Symbol('remove');

/** Changes at dot paths (`systems.0.id`, array indexes as numbers); REMOVE deletes the field. */
export type Changes = Readonly<Record<string, unknown>>;

/** The default configuration's raw JSON with changes applied. */
export function defaultsWith(changes: Changes = {}): unknown {
  const config: unknown = JSON.parse(readFileSync(DEFAULT_CONFIG_PATH, 'utf8'));
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.split('.');
    const last = keys.pop() ?? '';
    let node = config as Record<string, unknown>;
    for (const key of keys) node = (node[key] ??= {}) as Record<string, unknown>;
    if (value === REMOVE) delete node[last];
    else node[last] = value;
  }
  return config;
}

/** The default configuration with changes, validated. */
export function configWith(changes: Changes = {}): DeploymentConfig {
  return parseConfig(defaultsWith(changes), 'test');
}
