import { KILL_SWITCH_MODES, type KillSwitchReading, type ModeDecision } from '../core/mode';
import type { Mode } from '../core/record';

/** What a reading does to an invocation: run as asked, plan only, or plan and refuse every action. */
type Effect = 'as-requested' | 'dry-run' | 'halt';

/**
 * The one place that decides what each reading of the kill switch means. Fails safe: a value it
 * does not know or a failed read (a deleted parameter, access denied, "ENFORCE ") means `off`,
 * since a responder must never mutate when in doubt, and people must hear of what it refused.
 * `off` stops every mutation but not the responder: it still plans (read-only) and escalates each
 * refusal with the plan, so people get what it would have done.
 */
const EFFECT: { readonly [S in KillSwitchReading['state']]: Effect } = {
  enforce: 'as-requested',
  'dry-run': 'dry-run',
  off: 'halt',
  invalid: 'halt',
  unreadable: 'halt',
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

/** The switch could not be read or held no mode: it counts as `off`, and the KillSwitchUnreadable metric says so. */
export function isUnreadable(reading: KillSwitchReading): boolean {
  return reading.state === 'invalid' || reading.state === 'unreadable';
}

/**
 * The mode an invocation runs in: what it asked for (`dryRun` of a manual run; SNS asks to
 * enforce), as the kill switch allows. Without a reading (tests, tools), as asked. The switch
 * only ever stops changes: escalations are published in every mode, except for a person's own
 * dry run (a manual `dryRun`, or the local CLI), which asks what would be done and tells nobody.
 */
export function decideMode(requested: Mode, reading?: KillSwitchReading, source: 'sns' | 'manual' = 'sns'): ModeDecision {
  const publish = !(source === 'manual' && requested === 'dry-run') && reading?.state !== 'local';
  if (reading === undefined) return { mode: requested, publish };
  const reason = killSwitchReason(reading);
  switch (EFFECT[reading.state]) {
    case 'as-requested':
      return { mode: requested, publish };
    case 'dry-run':
      return { mode: 'dry-run', publish, dryRunReason: reason };
    case 'halt':
      return { mode: requested, publish, halt: { reason: reason ?? 'kill switch' } };
  }
}
