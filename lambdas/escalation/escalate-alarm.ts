import type { LogLinesSettings, Signal, Target } from '../../lib/catalogue';
import type { Alarm, Incident } from '../core/alarm';
import type { EscalationRecord, Mode } from '../core/record';
import type { AwsCallRecord, State } from '../core/remediation';
import type { ResolvedAlarm } from '../core/resolved';
import { describeError } from '../runtime/aws-call';
import { metricRequests } from './diagnostics';
import { escalate } from './publish';

export type Escalate = typeof escalate;

/** What people get to see: the matching log events and the alarm's metrics, from the catalogue's signal. */
function diagnosticsFor(resolved: ResolvedAlarm, alarm: Alarm) {
  const signal = resolved.kind.signals[resolved.target.type] as Signal<Target['props']>;
  const log = Object.values(signal.metrics).find((m) => m.source === 'log');
  const metrics = metricRequests(alarm, signal.periodSeconds);
  return log?.source === 'log'
    ? { logGroupName: log.logGroupName(resolved.target.props), filterPattern: log.filterPattern(resolved.target.props), metrics }
    : { metrics };
}

/**
 * Hands the alert to people with diagnostics. Where nothing is to be published (a person's own
 * dry run), the record says that it would have been. A failed publish is recorded, never thrown.
 */
export async function escalateAlarm(args: {
  readonly mode: Mode;
  /** Whether to publish: the kill switch never silences people, only a person's own dry run does. @default mode !== 'dry-run' */
  readonly publish?: boolean;
  readonly reason: string;
  readonly topicArn: string;
  readonly incident: Incident;
  readonly resolved?: ResolvedAlarm;
  readonly summary: State;
  readonly calls: AwsCallRecord[];
  readonly escalateFn: Escalate;
  /** `escalation.logLines` of the configuration (the responder's settings). */
  readonly logLines: LogLinesSettings;
}): Promise<EscalationRecord> {
  if (!(args.publish ?? args.mode !== 'dry-run')) {
    return { published: false, topicArn: args.topicArn, reason: `dry run: would escalate (${args.reason})` };
  }
  const severity = args.resolved?.kind.severity ?? 'P1';
  try {
    const result = await args.escalateFn({
      calls: args.calls,
      topicArn: args.topicArn,
      subject: `[${severity}] ${args.incident.alarm.name}`.slice(0, 100),
      incident: args.incident,
      reason: args.reason,
      record: args.summary,
      diagnostics: args.resolved ? diagnosticsFor(args.resolved, args.incident.alarm) : {},
      logLines: args.logLines,
    });
    return { published: true, topicArn: args.topicArn, messageId: result.messageId, reason: args.reason, ...(result.central ? { central: result.central } : {}) };
  } catch (err) {
    return { published: false, topicArn: args.topicArn, reason: args.reason, error: describeError(err) };
  }
}
