/**
 * `respond capture`: dry-runs every alarm of a configuration against AWS, read-only, and keeps
 * every answer, so that the same dry runs can be made later offline (`respond --state FILE`).
 */
import { loadConfig } from '../../lib/config/load';
import { ConfigError } from '../../lib/config/problems';
import { planDeployment } from '../../lib/deployment';
import { interceptClients, type Send } from '../runtime/clients/on-first-use';
import { runDryRun, type DryRunResult } from './run-dry-run';
import type { SavedAnswer, SavedState } from './saved-state';
import { capturing, replaying } from './state-interceptors';

/** A capture: the state, and the alarms whose dry run did not complete (with why). */
export interface CaptureResult {
  readonly state?: SavedState;
  readonly alarms: number;
  readonly failed: readonly { readonly alarm: string; readonly error: string }[];
  readonly error?: string;
}

/** Every alarm name the configuration deploys, in plan order. */
export function alarmNames(configPath: string): string[] {
  const plan = planDeployment(loadConfig(configPath));
  return plan.systems.flatMap((s) => s.responders.flatMap((r) => r.alarms.map((a) => a.name)));
}

/** Where capture's reads go: AWS (the client's own send) unless a script answers them itself. */
export type ReadSource = (client: object, command: object, send: Send) => Promise<unknown>;

/** Reads the state every alarm's dry run needs, as of `now`. Sends reads only. */
export async function runCapture(args: { configPath: string; now?: Date; source?: ReadSource }): Promise<CaptureResult> {
  let names: string[];
  try {
    names = alarmNames(args.configPath);
  } catch (err) {
    return { alarms: 0, failed: [], error: err instanceof ConfigError ? err.message : `Cannot plan the deployment: ${(err as Error).message}` };
  }
  const capturedAt = args.now ?? new Date();
  const answers = new Map<string, SavedAnswer>();
  const failed: { alarm: string; error: string }[] = [];
  const capture = capturing(answers);
  const source = args.source;
  interceptClients(source ? (client, command, send) => capture(client, command, (c) => source(client, c, send)) : capture);
  try {
    for (const alarm of names) {
      const result = await runDryRun({ configPath: args.configPath, alarmName: alarm, now: capturedAt });
      if (result.error?.startsWith('No AWS credentials')) return { alarms: names.length, failed, error: result.error };
      if (result.error) failed.push({ alarm, error: result.error });
    }
  } finally {
    interceptClients(undefined);
  }
  return { state: { version: 1, capturedAt, config: args.configPath, answers: [...answers.values()] }, alarms: names.length, failed };
}

/** Dry-runs one alarm (or a saved notification) from a saved state: no credentials, no network. */
export async function runFromState(args: { configPath: string; alarmName?: string; eventJson?: string; state: SavedState }): Promise<DryRunResult> {
  interceptClients(replaying(args.state));
  try {
    return await runDryRun({ ...args, now: args.state.capturedAt });
  } finally {
    interceptClients(undefined);
  }
}
