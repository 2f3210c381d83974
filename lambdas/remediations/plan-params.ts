import type { State, StateValue } from './types';

/** A plan's params lack a value apply needs: the plan was not made by this remediation's `plan`. */
export class PlanParamError extends Error {
  constructor(key: string, expected: string, received: StateValue | undefined) {
    super(`plan param "${key}" must be ${expected}, got ${JSON.stringify(received) ?? 'undefined'}`);
    this.name = 'PlanParamError';
  }
}

// Plans are replayed from records (JSON), so apply checks each value instead of trusting a cast.

export function stringParam(params: State, key: string): string {
  const value = params[key];
  if (typeof value !== 'string') throw new PlanParamError(key, 'a string', value);
  return value;
}

export function numberParam(params: State, key: string): number {
  const value = params[key];
  if (typeof value !== 'number') throw new PlanParamError(key, 'a number', value);
  return value;
}

export function stringArrayParam(params: State, key: string): string[] {
  const value = params[key];
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) {
    throw new PlanParamError(key, 'an array of strings', value);
  }
  return [...value];
}
