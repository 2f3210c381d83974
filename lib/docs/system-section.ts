import { ESCALATION, configuredLevelOf, defaultLevel, type LadderLevel, type RemediationId, type Severity, type Target, type TargetAutonomy } from '../catalogue';
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

/** The configured level of a remediation on each resource it acts on, where it is not `auto`. */
function levelNote(remediation: RemediationId, actsOn: readonly Target[], system: TargetAutonomy | undefined): string {
  const levelOf = (t: Target): LadderLevel => configuredLevelOf(remediation, t, system)?.level ?? defaultLevel(remediation);
  const held = actsOn.filter((t) => levelOf(t) !== 'auto');
  if (held.length === 0) return '';
  const byLevel = new Map<LadderLevel, Target[]>();
  for (const t of held) byLevel.set(levelOf(t), [...(byLevel.get(levelOf(t)) ?? []), t]);
  if (held.length === actsOn.length && byLevel.size === 1) return ` (${[...byLevel.keys()][0]})`;
  return ` (${[...byLevel].map(([level, ts]) => `${level} on ${keys(ts)}`).join('; ')})`;
}

function responseText(alarm: PlannedAlarm, autonomous: readonly Severity[], system: TargetAutonomy | undefined): string {
  const candidates = alarm.remediation.length === 0 ? code(ESCALATION.name) : alarm.remediation.map((r) => `${code(r)}${levelNote(r, alarm.actsOn, system)}`).join(' → ');
  const elsewhere = alarm.actsOn.length > 0 && alarm.actsOn.some((t) => t.key !== alarm.target.key) ? ` on ${keys(alarm.actsOn)}` : '';
  // Only a remediation changes AWS; escalating plans nothing to hold back.
  const planOnly = alarm.remediation.length > 0 && !autonomous.includes(alarm.severity) ? ` (${alarm.severity}: at most propose)` : '';
  return `${candidates}${elsewhere}${planOnly}`;
}

function alarmRow(alarm: PlannedAlarm, autonomous: readonly Severity[], system: TargetAutonomy | undefined): string[] {
  return [
    code(alarm.name),
    `[${code(alarm.kind.id)}](#${slug(kindHeading(alarm.kind))})`,
    alarm.severity,
    thresholdText(alarm.kind, alarm.signal, alarm.threshold),
    windowText(alarm),
    resourceText(alarm.target),
    responseText(alarm, autonomous, system),
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
export function renderSystemSection(system: SystemPlan, autonomous: readonly Severity[], levels?: TargetAutonomy): string[] {
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
      system.alarms.map((a) => alarmRow(a, autonomous, levels)),
    ),
    '',
  ];
}
