import { ESCALATION, REMEDIATIONS, type RemediationId, type Severity, type Target } from '../catalogue';
import type { PlannedAlarm, PlannedResponder, SystemPlan } from '../deployment';
import { kindHeading } from './alert-kind-section';
import { code, slug, table } from './markdown';
import { TARGET_TYPE_NAMES, thresholdText, windowText } from './signal-words';

function keys(targets: readonly Target[]): string {
  return targets.map((t) => code(t.key)).join(', ');
}

/** The resource an alarm watches, with what identifies it beyond its key. */
function resourceText(target: Target): string {
  const props = target.props;
  const detail =
    'metricName' in props
      ? ` (${code(props.namespace)} ${code(props.metricName)})`
      : 'sourceIpField' in props
        ? ` (${code(props.logGroupName)})`
        : '';
  return `${TARGET_TYPE_NAMES[target.type]} ${code(target.key)}${detail}`;
}

/** Whether a guarded remediation may really run on the resources it acts on. */
function guardNote(remediation: RemediationId, actsOn: readonly Target[]): string {
  if (!REMEDIATIONS[remediation].guarded) return '';
  const enabled = actsOn.filter((t) => t.guarded.includes(remediation));
  if (enabled.length === 0) return ' (guarded: plans only)';
  if (enabled.length === actsOn.length) return ' (guarded, enabled)';
  return ` (guarded, enabled on ${keys(enabled)})`;
}

function responseText(alarm: PlannedAlarm, autonomous: readonly Severity[]): string {
  const candidates = alarm.remediation.length === 0 ? code(ESCALATION.name) : alarm.remediation.map((r) => `${code(r)}${guardNote(r, alarm.actsOn)}`).join(' → ');
  const elsewhere = alarm.actsOn.length > 0 && alarm.actsOn.some((t) => t.key !== alarm.target.key) ? ` on ${keys(alarm.actsOn)}` : '';
  // Only a remediation changes AWS; escalating plans nothing to hold back.
  const planOnly = alarm.remediation.length > 0 && !autonomous.includes(alarm.severity) ? ` (${alarm.severity}: plans only)` : '';
  return `${candidates}${elsewhere}${planOnly}`;
}

function alarmRow(alarm: PlannedAlarm, autonomous: readonly Severity[]): string[] {
  return [
    code(alarm.name),
    `[${code(alarm.kind.id)}](#${slug(kindHeading(alarm.kind))})`,
    alarm.severity,
    thresholdText(alarm.kind, alarm.signal, alarm.threshold),
    windowText(alarm),
    resourceText(alarm.target),
    responseText(alarm, autonomous),
  ];
}

/** What a responder may run on what: remediations on the same resources share one entry. */
function grantsText(responder: PlannedResponder): string {
  const byTargets = new Map<string, RemediationId[]>();
  for (const [r, targets] of responder.grants) byTargets.set(keys(targets), [...(byTargets.get(keys(targets)) ?? []), r]);
  return [...byTargets].map(([on, rs]) => `${rs.map(code).join(', ')} on ${on}`).join('; ');
}

function responderRow(responder: PlannedResponder): string[] {
  const grants = grantsText(responder);
  return [code(responder.id), responder.family, String(responder.alarms.length), grants || 'escalates only'];
}

/** One system of a plan: what it is, its responders and every alarm with its response. */
export function renderSystemSection(system: SystemPlan, autonomous: readonly Severity[]): string[] {
  const about = [
    system.config.description?.replace(/([^.!?])$/, '$1.'),
    system.config.runbook ? `Runbook: ${code(system.config.runbook)}.` : undefined,
    system.config.caps ? `Caps: ${Object.entries(system.config.caps).map(([k, v]) => `${k} ${v}`).join(', ')}.` : undefined,
  ].filter((s): s is string => s !== undefined);
  return [
    `### ${code(system.id)}`,
    '',
    ...(about.length > 0 ? [about.join(' '), ''] : []),
    `${system.alarms.length} alarms on ${system.targets.length} resources, handled by ${system.responders.length} responders (one per responder family):`,
    '',
    ...table(
      ['responder', 'family', 'alarms', 'may run'],
      system.responders.map(responderRow),
    ),
    '',
    'Alarms (each escalates with diagnostics when its remediation does not apply):',
    '',
    ...table(
      ['alarm', 'kind', 'severity', 'alarms when', 'window', 'resource', 'remediation'],
      system.alarms.map((a) => alarmRow(a, autonomous)),
    ),
    '',
  ];
}
