import {
  ESCALATION,
  REMEDIATIONS,
  SEVERITIES,
  escalationTopicName,
  responderFamily,
  severityTopicName,
  type AlertKind,
  type RemediationId,
  type Signal,
  type TargetType,
} from '../catalogue';
import { code, numbered } from './markdown';
import { TARGET_TYPE_NAMES, groupDigits, missingDataText, signalText, thresholdText, windowLongText } from './signal-words';

/** The heading of a kind's section; the contents and the system tables link to it. */
export function kindHeading(kind: AlertKind): string {
  return `${code(kind.id)} — ${kind.title}`;
}

function capitalised(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

function signalsOf(kind: AlertKind): [TargetType, Signal<unknown>][] {
  return Object.entries(kind.signals) as [TargetType, Signal<unknown>][];
}

/** What a kind may do, on its targets or on their backends, in catalogue order: its remediations, and escalation where a list is empty. */
function kindResponses(kind: AlertKind): Array<RemediationId | typeof ESCALATION.name> {
  const lists = signalsOf(kind).flatMap(([, s]) => [s.remediation, ...Object.values(s.backendRemediation ?? {})]);
  const responses = lists.flatMap((list): Array<RemediationId | typeof ESCALATION.name> => (list.length === 0 ? [ESCALATION.name] : [...list]));
  return [...new Set(responses)];
}

/** Every remediation a kind may run, on its targets or on their backends. */
export function kindRemediations(kind: AlertKind): RemediationId[] {
  return kindResponses(kind).filter((r): r is RemediationId => r !== ESCALATION.name);
}

function candidatesText(candidates: readonly RemediationId[]): string {
  if (candidates.length === 0) return `no automatic fix, ${code(ESCALATION.name)}`;
  const tries = candidates.map((r) => `${code(r)}${REMEDIATIONS[r].guarded ? ' (guarded)' : ''}`).join(', then ');
  return `${tries}, run by the ${responderFamily(candidates)} responder`;
}

function responseLines(signal: Signal<unknown>): string[] {
  const lines = [`  - Response: ${candidatesText(signal.remediation)}.`];
  if (signal.backendRemediation) {
    const byBackend = Object.entries(signal.backendRemediation).map(
      ([backend, candidates]) => `${TARGET_TYPE_NAMES[backend as TargetType]} backends: ${candidatesText(candidates ?? [])}`,
    );
    lines.push(
      `  - When the resource names backends, it acts on them instead. ${byBackend.join('; ')}; other backend types, or backends of more than one responder family: ${code(ESCALATION.name)}.`,
    );
  }
  return lines;
}

function signalLines(kind: AlertKind, type: TargetType, signal: Signal<unknown>): string[] {
  return [
    `- **${capitalised(TARGET_TYPE_NAMES[type])}** (${code(type)})`,
    `  - Signal: ${signalText(kind, type, signal)}`,
    `  - Alarms when ${thresholdText(kind, signal, signal.threshold)} (default threshold) over ${windowLongText(signal)}; ${missingDataText(signal.treatMissingData, signal.missingDataBreachesBecause)}.`,
    ...responseLines(signal),
  ];
}

function guardedLine(kind: AlertKind): string {
  const guarded = kindRemediations(kind).filter((r) => REMEDIATIONS[r].guarded);
  if (kindRemediations(kind).length === 0) return '**Guarded**: nothing to guard; it only escalates.';
  if (guarded.length === 0) return '**Guarded**: none of its remediations; they act without opt-in, within the caps and guardrails.';
  const verb = guarded.length === 1 ? 'is' : 'are';
  return `**Guarded**: ${guarded.map(code).join(', ')} ${verb} proposed to people (default level ${code('propose')}) unless the resource acted on lists ${guarded.length === 1 ? 'it' : 'them'} in its ${code('guarded')} setting or sets its level in ${code('autonomy')}.`;
}

function noSafeFixLine(kind: AlertKind, prefix: string): string {
  const topic = code(escalationTopicName(prefix));
  if (kindRemediations(kind).length === 0) {
    return `**No safe fix** exists: the responder escalates to ${topic} with diagnostics (recent log events, metric values).`;
  }
  return `**No safe fix** (no candidate applies, a guarded action is not enabled, or the plan fails): the responder escalates to ${topic} with diagnostics (recent log events, metric values).`;
}

/** One alert kind: severity, signal per target type, response, runbook and the steps it follows. */
export function renderKindSection(kind: AlertKind, prefix: string): string[] {
  const severity = SEVERITIES[kind.severity];
  const range = `${groupDigits(kind.thresholdRange.min)} to ${groupDigits(kind.thresholdRange.max)}`;
  return [
    `### ${kindHeading(kind)}`,
    '',
    `**${kind.severity}** (${severity.label}): notifies ${code(severityTopicName(prefix, kind.severity))}; people respond within ${severity.responseMinutes} minutes. ` +
      `Threshold unit: ${kind.unit} (a configured threshold must lie within ${range}).`,
    '',
    ...signalsOf(kind).flatMap(([type, signal]) => signalLines(kind, type, signal)),
    '',
    '**Remediations**:',
    '',
    ...kindResponses(kind).map((r) => {
      const { family, summary } = r === ESCALATION.name ? ESCALATION : REMEDIATIONS[r];
      return `- ${code(r)} (${family} responder): ${summary}.`;
    }),
    '',
    guardedLine(kind),
    '',
    noSafeFixLine(kind, prefix),
    '',
    `**Runbook**: ${kind.runbook.refs.join('; ')}. The steps it follows:`,
    '',
    ...numbered(kind.runbook.steps),
    '',
  ];
}
