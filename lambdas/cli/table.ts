import type { ResultRecord } from '../core/record';

function pad(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

function show(value: unknown): string {
  if (value === undefined) return '-';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The maintenance window the target is in, on a line of its own: a dry run says why it would not apply. */
function maintenanceLine(record: ResultRecord): string[] {
  const w = record.context?.maintenance;
  if (!w) return [];
  return [`Window    ${w.name} (${w.level}, ${w.schedule} ${w.timeZone}) ${w.start} to ${w.end}: nothing applied${w.escalates ? `, ${record.severity ?? 'this severity'} still pages` : ', no page'}`];
}

/** A result record as a table a person can read at 3 a.m. */
export function formatRecord(record: ResultRecord): string {
  const lines = [
    `Alarm     ${record.alarm?.name ?? '-'} (${record.alarm?.state ?? '-'})`,
    `Kind      ${record.alertKind ?? '-'} ${record.severity ? `[${record.severity}]` : ''}   System ${record.system ?? '-'}   Target ${record.target ? `${record.target.type} ${record.target.key}` : '-'}`,
    `Mode      ${record.mode}   Decision ${record.decision} (${record.reasonCode})`,
    `Reason    ${record.reason}`,
    ...maintenanceLine(record),
    '',
  ];
  const widths = [28, 30, 10, 40, 40];
  const header = ['resource', 'remediation', 'decision', 'before', 'after (planned)'];
  lines.push(header.map((h, i) => pad(h, widths[i])).join(' '), widths.map((w) => '-'.repeat(w)).join(' '));
  for (const a of record.actions) {
    const after = a.after ?? (a.plan as { after?: unknown } | undefined)?.after;
    lines.push([a.resource, a.remediation, a.decision, show(a.before), show(after)].map((c, i) => pad(c, widths[i])).join(' '));
  }
  if (record.actions.length === 0) lines.push('(no action on a resource)');
  if (record.escalation) lines.push('', `Escalation: ${record.escalation.reason}`);
  lines.push('', `AWS calls: ${record.calls.map((c) => `${c.service}:${c.operation}${c.ok ? '' : ' (failed)'}`).join(', ') || 'none'}`);
  return lines.join('\n');
}
