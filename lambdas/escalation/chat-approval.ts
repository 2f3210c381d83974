import type { State } from '../core/state';
import { chatNotification, type ChatNotification } from './chat';

/**
 * What an approval request's card shows (the approval entry's request content has these fields
 * and more): what fired, the exact change, the guards, the commands and until when.
 */
export interface ApprovalCardContent {
  readonly proposalId: string;
  readonly severity: string;
  readonly alarm: { readonly name: string; readonly kind: string; readonly time: string };
  readonly system: string;
  readonly recordId: string;
  readonly change: { readonly remediation: string; readonly resource: string; readonly summary: string; readonly before: State; readonly after: State };
  readonly guards: readonly string[];
  readonly expiresAt: string;
  readonly commands: { readonly approve: string; readonly reject: string };
}

const inline = (state: State) => `\`${JSON.stringify(state)}\``;

/** The chat card of an approval request: the plan before → after and the approve and reject commands. */
export function approvalRequestChat(c: ApprovalCardContent): ChatNotification {
  const description = [
    `*What fired:* \`${c.alarm.name}\` (${c.alarm.kind}) went into ALARM at ${c.alarm.time}`,
    `*Change:* ${c.change.summary}`,
    `*Before:* ${inline(c.change.before)}`,
    `*After:* ${inline(c.change.after)}`,
    ...(c.guards.length > 0 ? ['*Guards:*', ...c.guards.map((g) => `• ${g}`)] : []),
    `*Until:* ${c.expiresAt} (once; at approval the plan is made again and refused if it or the state differ)`,
  ].join('\n');
  return chatNotification(
    {
      title: `:raising_hand: [${c.severity}] Approve ${c.change.remediation} on ${c.change.resource}?`,
      description,
      nextSteps: [`Approve: \`${c.commands.approve}\``, `Reject: \`${c.commands.reject}\``],
      keywords: [c.change.remediation, c.alarm.kind, c.system],
    },
    {
      // The alarm's thread: its escalations and this request read together.
      threadId: c.alarm.name,
      summary: `Approve ${c.change.remediation} on ${c.change.resource}?`,
      eventType: 'alert-responder-approval-request',
      additionalContext: { proposalId: c.proposalId, recordId: c.recordId, expiresAt: c.expiresAt },
    },
    c.proposalId,
  );
}
