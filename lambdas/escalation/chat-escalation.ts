import type { Incident } from '../core/alarm';
import type { State, StateValue } from '../core/state';
import { chatNotification, type ChatNotification } from './chat';

/** What an escalation's card shows: the same facts as the email form, as a person reads them in a channel. */
export interface EscalationChatInput {
  readonly subject: string;
  readonly incident: Incident;
  readonly reason: string;
  /** The result record so far (decision, reason, actions tried). */
  readonly record: State;
}

const text = (v: StateValue | undefined): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const isState = (v: StateValue): v is State => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One line per action of the record: which remediation on what, and what came of it. */
function triedLines(record: State): string[] {
  const actions = record.actions;
  if (!Array.isArray(actions)) return [];
  return actions.filter(isState).map((a) => {
    const what = `\`${text(a.remediation) ?? 'remediation'}\` on \`${text(a.resource) ?? text(a.targetKey) ?? '?'}\``;
    const outcome = [text(a.decision), text(a.reason)].filter((s) => s !== undefined).join(': ');
    return `• ${what}${outcome === '' ? '' : ` — ${outcome}`}`;
  });
}

/** The CloudWatch console page of the alarm, in its region. */
export function alarmConsoleUrl(name: string, region: string): string {
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#alarmsV2:alarm/${encodeURIComponent(name)}`;
}

/** The chat card of an escalation: what fired, why people are needed, what was tried, where to look. */
export function escalationChat({ subject, incident, reason, record }: EscalationChatInput): ChatNotification {
  const { alarm, kind, region } = incident;
  const account = incident.account ?? alarm.account;
  const tried = triedLines(record);
  const description = [
    `*Alarm* \`${alarm.name}\` (${kind}) is ${alarm.state} in ${region}${account ? `, account ${account}` : ''} since ${alarm.stateChangeTime.toISOString()}`,
    `*Why people are needed:* ${reason}`,
    ...(tried.length > 0 ? ['*Tried:*', ...tried] : []),
    `*Alarm reason:* ${alarm.reason}`,
  ].join('\n');
  return chatNotification(
    {
      title: `:rotating_light: ${subject}`,
      description,
      nextSteps: [`Open the alarm: ${alarmConsoleUrl(alarm.name, region)}`, 'The email form of this escalation carries the diagnostics (metrics, log lines) and the record so far'],
      keywords: [kind, region],
    },
    {
      // One thread per alarm: its later escalations and approval requests follow in it.
      threadId: alarm.name,
      summary: subject,
      eventType: 'alert-responder-escalation',
      relatedResources: alarm.arn ? [alarm.arn] : [],
      additionalContext: { alarm: alarm.name, kind, region, ...(account ? { account } : {}) },
    },
  );
}
