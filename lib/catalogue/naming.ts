import { createHash } from 'node:crypto';
import { ALERT_KIND_IDS, type AlertKindId } from './alert-kinds';
import { RESPONDER_FAMILIES, type ResponderFamily } from './remediations';

/** CloudWatch's limit on alarm names. */
export const MAX_ALARM_NAME_LENGTH = 255;

export interface AlarmNameParts {
  readonly prefix: string;
  readonly system: string;
  readonly kind: AlertKindId;
  readonly resourceKey: string;
}

/** The one naming rule: `<prefix>-<system>-<kind>-<resource>`. */
export function alarmName(parts: AlarmNameParts): string {
  return `${parts.prefix}-${parts.system}-${parts.kind}-${parts.resourceKey}`;
}

/** The prefix every alarm of one system and kind shares: what SNS filter policies match on. */
export function alarmNamePrefix(prefix: string, system: string, kind: AlertKindId): string {
  return `${prefix}-${system}-${kind}-`;
}

/**
 * Reads an alarm name back. The configuration guarantees system ids never contain `-<kind>-`,
 * so the first kind id found after the prefix is the right one. Returns undefined for names
 * this deployment did not make.
 */
export function parseAlarmName(name: string, prefix: string): AlarmNameParts | undefined {
  if (!name.startsWith(`${prefix}-`)) return undefined;
  const rest = name.slice(prefix.length + 1);
  let best: { index: number; kind: AlertKindId } | undefined;
  for (const kind of ALERT_KIND_IDS) {
    const index = rest.indexOf(`-${kind}-`);
    if (index > 0 && (best === undefined || index < best.index)) best = { index, kind };
  }
  if (!best) return undefined;
  const system = rest.slice(0, best.index);
  const resourceKey = rest.slice(best.index + best.kind.length + 2);
  if (!resourceKey) return undefined;
  return { prefix, system, kind: best.kind, resourceKey };
}

/** Whether a system id would make alarm names ambiguous. */
export function systemIdClashesWithKinds(system: string): AlertKindId | undefined {
  const padded = `-${system}-`;
  return ALERT_KIND_IDS.find((kind) => padded.includes(`-${kind}-`));
}

/** Lambda's limit on function names. */
export const MAX_FUNCTION_NAME_LENGTH = 64;

/**
 * `<prefix>-<system>-<family>`; past Lambda's 64 characters the name is cut and ends in a hash of
 * the full name, so two long system ids that share a beginning still get distinct functions.
 * The CDK app names the functions with it and loop protection recognises them with it.
 */
export function responderFunctionName(prefix: string, system: string, family: ResponderFamily): string {
  const name = `${prefix}-${system}-${family}`;
  if (name.length <= MAX_FUNCTION_NAME_LENGTH) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, MAX_FUNCTION_NAME_LENGTH - hash.length - 1)}-${hash}`;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether a function name could be one of this deployment's responders. A cut name has lost its
 * family, so any 64-character `<prefix>-…-<8 hex>` counts: loop protection errs on refusing.
 */
export function isResponderFunctionName(name: string, prefix: string): boolean {
  if (!name.startsWith(`${prefix}-`) || name.length > MAX_FUNCTION_NAME_LENGTH) return false;
  const plain = new RegExp(`^${escapeRegExp(prefix)}-.+-(${RESPONDER_FAMILIES.join('|')})$`);
  if (plain.test(name)) return true;
  return name.length === MAX_FUNCTION_NAME_LENGTH && /^.+-[0-9a-f]{8}$/.test(name.slice(prefix.length + 1));
}

/** The deployment's state table: idempotency keys, cooldowns, locks, the circuit breaker. */
export function stateTableName(prefix: string): string {
  return `${prefix}-state`;
}

/** The queue of delayed re-checks after applied actions. */
export function verifyQueueName(prefix: string): string {
  return `${prefix}-verify`;
}
