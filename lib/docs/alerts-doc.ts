import {
  PERMANENT_FIXES,
  defaultLevel,
  ALERT_KINDS,
  CONTEXT_COMMON_READS,
  CONTEXT_READS,
  ESCALATION,
  REMEDIATIONS,
  REMEDIATION_IDS,
  SEVERITIES,
  SEVERITY_IDS,
  TARGET_TYPES,
  escalationTopicName,
  severityTopicName,
  type ContextPermissionSpec,
  type RemediationId,
} from '../catalogue';
import { systemAutonomy, type DeploymentPlan } from '../deployment';
import { kindHeading, kindRemediations, renderKindSection } from './alert-kind-section';
import { code, headingLink, slug, table } from './markdown';
import { TARGET_TYPE_NAMES } from './signal-words';
import { renderSystemSection } from './system-section';

const kinds = Object.values(ALERT_KINDS);

function contents(plan: DeploymentPlan): string[] {
  return [
    '## Contents',
    '',
    `- ${headingLink('How the responder decides')}`,
    `- ${headingLink('Severities')}`,
    `- ${headingLink('Alert kinds')}`,
    ...kinds.map((k) => `  - ${headingLink(kindHeading(k))} (${k.severity})`),
    `- ${headingLink('Remediations')}`,
    `- ${headingLink('Context reads')}`,
    `- ${headingLink('Systems of the default configuration')}`,
    ...plan.systems.map((s) => `  - [${code(s.id)}](#${slug(s.id)})`),
    '',
  ];
}

function decisions(plan: DeploymentPlan): string[] {
  const { prefix, guardrails, autonomy } = plan.config;
  return [
    '## How the responder decides',
    '',
    'Every alarm notifies its severity topic on ALARM and on OK. The responder of its system and ' +
      "remediation family reads the alarm back from its name, plans the alert kind's remediation " +
      '(the first candidate whose plan applies) and, on ALARM only, applies the plan if the ' +
      'guardrails admit it. OK and INSUFFICIENT_DATA notifications are recorded, never acted on. ' +
      'Every notification yields exactly one structured record in the remediation log group.',
    '',
    'The guardrails, with the values of the default configuration:',
    '',
    `- Each remediation on each resource has a level: ${code('observe')} (plan and record; people are told as for any unhandled alarm), ${code('propose')} (plan, record and ask people to approve; until approvals are wired, escalate the plan) or ${code('auto')} (apply within the guardrails). The default level of each remediation is in the table below: guarded remediations ${code('propose')}, the others ${code('auto')}.`,
    `- Levels are set with ${code('autonomy')} on the deployment, a system or a resource (${code('default')}, or per remediation in ${code('remediations')}); the nearest wins. A resource's ${code('guarded')} list means ${code('auto')} for each remediation it names there.`,
    `- Only ${guardrails.autonomousSeverities.join(' and ') || 'no'} alerts act on their own (${code('autonomousSeverities')}); the others are capped at ${code('propose')} (a system or resource may set its own cap in ${code('autonomy.severities')}).`,
    `- Recurrence brake: a remediation applied ${autonomy.recurrence.maxApplies} times to one resource within ${autonomy.recurrence.days} days drops to ${code('propose')} there; the escalation lists those applies (dates, before and after, re-check verdicts) and what would make the fix permanent (below).`,
    `- Fix score: every re-check is counted per remediation and resource (recovered, still firing); a remediation whose last ${autonomy.failedVerifications} re-checks on a resource all found the alarm still firing drops to ${code('propose')} there. Records carry the score; the dashboard shows it.`,
    `- Promotion: ${autonomy.promoteAfter === undefined ? `off in the default configuration; with ${code('autonomy.promoteAfter')} set, a remediation` : `a remediation`} at ${code('propose')} on a resource becomes ${code('auto')} there after ${autonomy.promoteAfter ?? 'that many'} approved runs whose re-check found the alarm recovered.`,
    `- One action per remediation and resource every ${guardrails.cooldownMinutes} minutes; at most ${guardrails.maxActionsPerHour} actions per hour across all responders.`,
    `- The kill switch ${code(`/${prefix}/mode`)} starts as ${code(guardrails.initialMode)} (${code('enforce')}, ${code('dry-run')} or ${code('off')}).`,
    `- ${guardrails.verifyAfterMinutes} minutes after an action, the alarm is checked again; if it has not recovered, people are told.`,
    `- Before the guards, a maintenance window of the resource, its system or the deployment holds the action (${code('maintenance')}: planned, not applied; only ${plan.config.maintenance.escalate.join(', ') || 'no severity'} still pages inside one). Then the responder looks around the target (read-only, within ${plan.config.context.budgetMs} ms): a deployment in progress (its CloudFormation stack ${code('*_IN_PROGRESS')}, an ECS rollout, a Lambda alias shifting traffic) holds the action (${code('deploying')}), re-checked after ${plan.config.context.deploymentRecheckMinutes} minutes. Every record lists the target's management changes of the last ${plan.config.context.recentChangesMinutes} minutes (CloudTrail), and, where CloudFormation owns it, the drift the fix causes. A read that fails or runs late is recorded as ${code('context unavailable')} and the decision goes ahead on the alarm alone.`,
    `- No safe fix, a refusal or a failure: the responder escalates to ${code(escalationTopicName(prefix))} with diagnostics (recent log events, metric values). No alert is dropped.`,
    '',
  ];
}

function severities(prefix: string): string[] {
  return [
    '## Severities',
    '',
    ...table(
      ['severity', 'label', 'topic', 'response time'],
      SEVERITY_IDS.map((id) => [id, SEVERITIES[id].label, code(severityTopicName(prefix, id)), `${SEVERITIES[id].responseMinutes} minutes`]),
    ),
    '',
  ];
}

function remediationRow(id: RemediationId): string[] {
  const r = REMEDIATIONS[id];
  const actsOn = TARGET_TYPE_NAMES[r.acts];
  const usedBy = kinds.filter((k) => kindRemediations(k).includes(id)).map((k) => code(k.id));
  const iam = r.permissions.map((p) => `${p.actions.map(code).join(', ')} on ${code(p.on)}`);
  return [
    code(id),
    r.family,
    r.guarded ? '**guarded**' : 'no',
    code(defaultLevel(id)),
    'yes',
    actsOn,
    r.summary,
    usedBy.join(', ') || 'none',
    iam.join('; '),
  ];
}

/** Escalation is no remediation, but the table says what it does beside them. */
function escalationRow(): string[] {
  const e = ESCALATION;
  return [code(e.name), e.family, 'no', code('auto'), 'no', 'nothing', e.summary, 'every alert, as the last resort', `${code('sns:Publish')} to the escalation topic only`];
}

function remediations(): string[] {
  return [
    '## Remediations',
    '',
    'IAM actions are granted on the acted-on resources only, as ARNs of the resource type named (as the Service Authorization Reference names it), or on `*` for read-only actions AWS cannot scope.',
    '',
    ...table(
      ['remediation', 'responder', 'guarded', 'default level', 'changes AWS', 'acts on', 'what it does', 'used by', 'IAM actions'],
      [...REMEDIATION_IDS.map(remediationRow), escalationRow()],
    ),
    '',
    '### What makes each fix permanent',
    '',
    'What the recurrence brake tells people to change, so that the alarm stops needing the remediation:',
    '',
    ...table(['remediation', 'permanent fix'], REMEDIATION_IDS.map((id) => [code(id), PERMANENT_FIXES[id]])),
    '',
  ];
}

/** The read-only calls a responder makes around a target before acting, from the catalogue. */
function contextReads(): string[] {
  const row = (scope: string, r: ContextPermissionSpec) => [scope, r.actions.map(code).join(', '), code(r.on) + (r.requires ? ` (with an ${r.requires})` : ''), r.why];
  return [
    '## Context reads',
    '',
    'Read-only, granted to a responder only for the target types its remediations act on (the escalation responder gets none).',
    '',
    ...table(
      ['targets', 'IAM actions', 'on', 'why'],
      [
        ...TARGET_TYPES.flatMap((t) => (CONTEXT_READS[t] ?? []).map((r) => row(TARGET_TYPE_NAMES[t], r))),
        ...CONTEXT_COMMON_READS.map((r) => row('every target acted on', r)),
      ],
    ),
    '',
  ];
}

/**
 * The newcomer's alert reference (docs/alerts.md): every alert kind of the catalogue with its
 * signal, response and runbook, every remediation, and every alarm of the given plan by system.
 * Pure and deterministic: the same catalogue and plan give the same text.
 */
export function renderAlertsDoc(plan: DeploymentPlan): string {
  const prefix = plan.config.prefix;
  const lines = [
    '# Alerts',
    '',
    'Generated by `npm run docs` from the catalogue (`lib/catalogue`) and the default configuration ' +
      '(`config/default.json`); a test fails when this file is stale, so do not edit it by hand. ' +
      `Names use the default configuration's prefix ${code(prefix)}.`,
    '',
    ...contents(plan),
    ...decisions(plan),
    ...severities(prefix),
    '## Alert kinds',
    '',
    ...kinds.flatMap((k) => renderKindSection(k, prefix)),
    ...remediations(),
    ...contextReads(),
    '## Systems of the default configuration',
    '',
    ...plan.systems.flatMap((s) => renderSystemSection(s, plan.config.guardrails.autonomousSeverities, systemAutonomy(plan.config, s.config))),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}
