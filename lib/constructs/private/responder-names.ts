import { createHash } from 'node:crypto';
import type { ResponderFamily } from '../../catalogue';

/** Lambda's limit on function names. */
export const MAX_FUNCTION_NAME_LENGTH = 64;

/** What a responder's self-monitoring alarm watches. */
export type SelfAlarmKind = 'errors' | 'throttles' | 'dlq' | 'delivery-dlq';

/**
 * `<prefix>-<system>-<family>`; past Lambda's 64 characters the name is cut and ends in a hash of
 * the full name, so two long system ids that share a beginning still get distinct functions.
 */
export function responderFunctionName(prefix: string, system: string, family: ResponderFamily): string {
  const name = `${prefix}-${system}-${family}`;
  if (name.length <= MAX_FUNCTION_NAME_LENGTH) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, MAX_FUNCTION_NAME_LENGTH - hash.length - 1)}-${hash}`;
}

/**
 * `<prefix>-<system>-responder-<family>-<what>`. `responder` is no alert kind id, so these names
 * never match a responder's `<prefix>-<system>-<kind>-` filter prefix: a failing responder is not
 * asked to handle its own alarm.
 */
export function selfAlarmName(prefix: string, system: string, family: ResponderFamily, what: SelfAlarmKind): string {
  return `${prefix}-${system}-responder-${family}-${what}`;
}
