import { loadConfig } from '../../lib/config/load';
import { ConfigError } from '../../lib/config/problems';
import { planDeployment } from '../../lib/deployment';
import type { NotifiedAlarm, ObservedAlarm } from '../core/alarm';
import type { ResultRecord } from '../core/record';
import { escalate } from '../escalation/publish';
import { REMEDIATION_REGISTRY } from '../remediations/registry';
import { readAlarm } from '../pipeline/lookup-alarm';
import { parseInvocation, type ParseOutcome } from '../pipeline/notification';
import { respond } from '../pipeline/respond';
import { responderForAlarm, settingsFromPlan } from './settings-from-config';
import { formatRecord } from './table';

export interface DryRunResult {
  readonly records: readonly ResultRecord[];
  readonly text: string;
  readonly error?: string;
}

export const NO_CREDENTIALS =
  'No AWS credentials found. Set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) and AWS_REGION; ' +
  'the dry run only reads your alarms and resources. Or use --state FILE for an offline dry run ' +
  '(examples/state/default.json holds one for config/default.json).';

function isCredentialsError(text: string): boolean {
  return /CredentialsProviderError|Could not load credentials|security token|ExpiredToken|UnrecognizedClient/i.test(text);
}

/** A replayed notification is taken at its word, at its own time: the CLI only plans, and asks what would be done with it. */
function asObserved(alarm: NotifiedAlarm): ObservedAlarm {
  return { ...alarm, stateTimestamp: alarm.stateChangeTime };
}

/** Why a run stopped short, in words: missing credentials, or a saved state without an answer; undefined otherwise. */
export function blocker(error: string): string | undefined {
  if (isCredentialsError(error)) return NO_CREDENTIALS;
  const missing = /^NoSavedAnswer: (.*)$/s.exec(error);
  return missing ? missing[1] : undefined;
}

/** What to dry-run; `now` stands for the time of the run (a saved state's capture time). */
export interface DryRunArgs {
  readonly configPath: string;
  readonly alarmName?: string;
  readonly eventJson?: string;
  readonly now?: Date;
}

/** Runs the responder code for one alarm or a saved notification, as a dry run, with the caller's credentials (or a saved state's answers). */
export async function runDryRun(args: DryRunArgs): Promise<DryRunResult> {
  let plan;
  try {
    plan = planDeployment(loadConfig(args.configPath));
  } catch (err) {
    return { records: [], text: '', error: err instanceof ConfigError ? err.message : `Cannot plan the deployment: ${(err as Error).message}` };
  }
  // The resources are in the deployment's region unless the caller says otherwise.
  process.env.AWS_REGION ??= plan.config.region;
  let outcomes: ParseOutcome[];
  if (args.eventJson !== undefined) {
    let event: unknown;
    try {
      event = JSON.parse(args.eventJson);
    } catch (err) {
      return { records: [], text: '', error: `The event file is not JSON: ${(err as Error).message}` };
    }
    outcomes = parseInvocation(event);
  } else {
    outcomes = [{ ok: true, value: { source: 'manual', action: 'respond', alarmName: args.alarmName ?? '', dryRun: true } }];
  }
  const records: ResultRecord[] = [];
  for (const outcome of outcomes) {
    if (!outcome.ok) return { records, text: '', error: `Invalid event: ${outcome.error.message}` };
    const value = outcome.value;
    const name = value.source === 'sns' ? value.alarm.name : value.action === 'respond' ? value.alarmName : '';
    const owner = responderForAlarm(plan, name);
    if (!owner) return { records, text: '', error: `No alarm named "${name}" in this configuration (${args.configPath}).` };
    let view: ObservedAlarm | undefined;
    // Where the deployment creates it: us-east-1 for metrics that exist only there.
    const region = owner.responder.alarms.find((a) => a.name === name)?.usEast1 ? 'us-east-1' : plan.config.region;
    try {
      view = value.source === 'sns' ? asObserved(value.alarm) : await readAlarm(name, region, []);
    } catch (err) {
      const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      return { records, text: '', error: blocker(text) ?? `Cannot read the alarm: ${text}` };
    }
    const account = view?.account ?? 'unknown';
    const settings = settingsFromPlan(plan, owner.responder, account);
    const record = await respond(outcome, {
      settings,
      remediations: REMEDIATION_REGISTRY,
      escalate,
      self: { account, region: plan.config.region },
      killSwitch: { state: 'local' },
      readAlarm: async () => view,
      ...(value.source === 'sns' ? { now: () => value.alarm.stateChangeTime } : args.now ? { now: () => args.now ?? new Date() } : {}),
    });
    records.push(record);
  }
  const text = records.map(formatRecord).join('\n\n');
  const blocked = records.flatMap((r) => r.calls).flatMap((c) => (c.error ? (blocker(c.error) ?? []) : []));
  return { records, text, error: blocked[0] };
}
