import type { Caps } from '../../lib/catalogue';
import type { State } from '../core/state';

/**
 * What an undo may restore, by the state key its plan sets: at most the target's cap (each cap is
 * itself within AWS's maximum: lib/catalogue/caps.ts), at least AWS's minimum (Lambda memory
 * 128 MB, timeout 1 s; App Runner MaxSize 1; DynamoDB capacity units 1). Keys without a bound
 * (an alias version, a billing mode) are checked by the undo's own plan against the resource.
 */
const BOUNDS: Readonly<Record<string, { readonly cap?: keyof Caps; readonly min: number }>> = {
  provisionedConcurrency: { cap: 'maxProvisionedConcurrency', min: 0 },
  reservedConcurrency: { cap: 'maxReservedConcurrency', min: 0 },
  memoryMb: { cap: 'maxMemoryMb', min: 128 },
  latestMemoryMb: { cap: 'maxMemoryMb', min: 128 },
  timeoutSeconds: { cap: 'maxTimeoutSeconds', min: 1 },
  latestTimeoutSeconds: { cap: 'maxTimeoutSeconds', min: 1 },
  desiredCount: { cap: 'maxDesiredCount', min: 0 },
  maxSize: { cap: 'maxAppRunnerMaxSize', min: 1 },
  readCapacityUnits: { min: 1 },
  writeCapacityUnits: { min: 1 },
};

/** Why the values an undo would set are out of bounds for the target; undefined when they are within. */
export function outOfBounds(after: State, caps: Caps): string | undefined {
  const problems = Object.entries(after).flatMap(([key, value]) => {
    const bound = BOUNDS[key];
    if (!bound || typeof value !== 'number') return [];
    const cap = bound.cap === undefined ? undefined : caps[bound.cap];
    if (cap !== undefined && value > cap) return [`${key} ${value} is over the cap ${bound.cap} ${cap}`];
    return value < bound.min ? [`${key} ${value} is under AWS's minimum ${bound.min}`] : [];
  });
  return problems.length === 0 ? undefined : problems.join('; ');
}
