import { KILL_SWITCH_MODES, type KillSwitchReading, type ModeDecision } from '../core/mode';
import type { Mode } from '../core/record';

/** What a reading does to an invocation: run as asked, plan only, or plan and refuse every action. */
type Effect = 'as-requested' | 'dry-run' | 'halt';

/**
 * The one place that decides what each reading of the kill switch means. Fails safe: a value it
 * does not know or a failed read plans only, since a responder must never mutate when in doubt.
 * `off` stops every mutation but not the responder: it still plans (read-only) and escalates each
 * refusal with the plan, so people get what it would have done.
 */
const EFFECT: { readonly [S in KillSwitchReading['state']]: Effect } = {
  enforce: 'as-requested',
  'dry-run': 'dry-run',
  off: 'halt',
  invalid: 'dry-run',
  unreadable: 'dry-run',
  // The local CLI has no switch: it never mutates.
  local: 'dry-run',
};

const CONSEQUENCE: { readonly [E in Effect]: string } = {
  'as-requested': '',
  'dry-run': ': planning only (dry-run)',
  halt: ': automatic actions are stopped; people decide',
};

/** What the switch said; undefined for the local run, which has none. */
function finding(reading: KillSwitchReading): string | undefined {
  switch (reading.state) {
    case 'local':
      return undefined;
    case 'invalid': {
      const held = reading.value === undefined ? 'no value' : JSON.stringify(reading.value.slice(0, 40));
      return `kill switch ${reading.parameter} holds ${held}, not one of ${KILL_SWITCH_MODES.join(', ')}`;
    }
    case 'unreadable':
      return `kill switch ${reading.parameter} could not be read (${reading.error})`;
    default:
      return `kill switch ${reading.parameter} is "${reading.state}"`;
  }
}

/** Why the invocation runs as it does, for the record: the finding, and its consequence unless the value says it. */
export function killSwitchReason(reading: KillSwitchReading): string | undefined {
  const found = finding(reading);
  if (found === undefined) return undefined;
  const effect = EFFECT[reading.state];
  return reading.state === effect ? found : `${found}${CONSEQUENCE[effect]}`;
}

/**
 * The mode an invocation runs in: what it asked for (`dryRun` of a manual run; SNS asks to
 * enforce), as the kill switch allows. Without a reading (tests, tools), as asked.
 */
export function decideMode(requested: Mode, reading?: KillSwitchReading): ModeDecision {
  if (reading === undefined) return { mode: requested };
  const reason = killSwitchReason(reading);
  switch (EFFECT[reading.state]) {
    case 'as-requested':
      return { mode: requested };
    case 'dry-run':
      return { mode: 'dry-run', dryRunReason: reason };
    case 'halt':
      return { mode: requested, halt: { reason: reason ?? 'kill switch' } };
  }
}
