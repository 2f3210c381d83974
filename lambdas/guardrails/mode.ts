import { getParameter } from '@aws-lambda-powertools/parameters/ssm';
import { describeError } from '../runtime/aws-call';
import type { Guard } from './guard';

/** The kill switch's values (the SSM parameter `/<prefix>/mode`). */
export const KILL_SWITCH_MODES = ['enforce', 'dry-run', 'off'] as const;
export type KillSwitchMode = (typeof KILL_SWITCH_MODES)[number];

/** How long a read value is reused: flipping the switch takes effect within this many seconds. */
export const MODE_CACHE_SECONDS = 60;

export interface ModeReading {
  readonly mode: KillSwitchMode;
  /** Why this mode: for the record when it is not plain `enforce`. */
  readonly reason: string;
}

/** The reason texts, exported so the records, the tests and the docs say the same thing. */
export const modeReasons = {
  set: (parameter: string, mode: KillSwitchMode): string => `kill switch ${parameter} is "${mode}"`,
  invalid: (parameter: string, value: string | undefined): string =>
    `kill switch ${parameter} holds ${value === undefined ? 'no value' : JSON.stringify(value.slice(0, 40))}, not one of ${KILL_SWITCH_MODES.join(', ')}: planning only (dry-run)`,
  unreadable: (parameter: string, err: unknown): string => `kill switch ${parameter} could not be read (${describeError(err)}): planning only (dry-run)`,
  off: (parameter: string): string => `kill switch ${parameter} is "off": automatic actions are stopped; people decide`,
};

const isMode = (value: string | undefined): value is KillSwitchMode => KILL_SWITCH_MODES.some((m) => m === value);

/**
 * Reads the kill switch, cached for at most a minute. Fails safe: a value it does not know or a
 * failed read means dry-run, since a responder must never mutate when in doubt.
 */
export async function readMode(parameterName: string): Promise<ModeReading> {
  let value: string | undefined;
  try {
    value = await getParameter(parameterName, { maxAge: MODE_CACHE_SECONDS });
  } catch (err) {
    // Powertools wraps the SDK's error (AccessDenied, ParameterNotFound): name the cause.
    const cause = err instanceof Error && err.cause !== undefined ? err.cause : err;
    return { mode: 'dry-run', reason: modeReasons.unreadable(parameterName, cause) };
  }
  const mode = value?.trim();
  if (!isMode(mode)) return { mode: 'dry-run', reason: modeReasons.invalid(parameterName, value) };
  return { mode, reason: mode === 'off' ? modeReasons.off(parameterName) : modeReasons.set(parameterName, mode) };
}

/**
 * `off` stops every mutation but not the responder: it still plans (read-only) and escalates
 * each refusal with the plan, so people get what it would have done.
 */
export function killSwitchGuard(reading: ModeReading): Guard {
  return {
    async admit() {
      if (reading.mode !== 'off') return { ok: true, done: async () => undefined };
      return { ok: false, code: 'kill-switch', escalate: true, reason: reading.reason };
    },
  };
}
