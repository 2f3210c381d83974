import { ALERT_KINDS, REMEDIATIONS, SEVERITIES, type Signal } from '../catalogue';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function signalText(type: string, signal: Signal<unknown>): string {
  const metrics = Object.entries(signal.metrics)
    .map(([id, m]) => {
      if (m.source === 'aws') return `${id} = ${m.namespace} ${m.metricName} (${m.statistic})`;
      if (m.source === 'log') return `${id} = metric filter on the log group (${m.statistic})`;
      if (m.source === 'healthCheck') return `${id} = Route 53 HealthCheckStatus (${m.statistic})`;
      return `${id} = the configured metric (${m.statistic} by default)`;
    })
    .join('; ');
  const fix = signal.remediation.join(' → ');
  const byBackend = signal.backendRemediation
    ? `; by backend: ${Object.entries(signal.backendRemediation).map(([b, r]) => `${b}: ${(r ?? []).join(' → ')}`).join(', ')}`
    : '';
  return `**${type}**: ${metrics}${signal.expression ? ' (metric math)' : ''}; ${signal.comparison} ${signal.threshold} for ${signal.evaluationPeriods} × ${signal.periodSeconds} s${signal.usEast1Only ? ' (us-east-1)' : ''}; fix: ${fix}${byBackend}`;
}

/** The alert catalogue as Markdown, derived from the data: the one place the docs come from. */
export function renderCatalogueDoc(): string {
  const lines = [
    '# Alert catalogue',
    '',
    'Generated from `lib/catalogue` by `npm run docs`; a test fails when this file is stale.',
    '',
    '## Severities',
    '',
    '| severity | label | topic suffix | response time |',
    '|---|---|---|---|',
    ...Object.entries(SEVERITIES).map(([id, s]) => `| ${id} | ${s.label} | \`${s.topicSuffix}\` | ${s.responseMinutes} min |`),
    '',
    '## Alert kinds',
    '',
    '| kind | severity | title | signals, thresholds and fixes per target type | runbook |',
    '|---|---|---|---|---|',
  ];
  for (const kind of Object.values(ALERT_KINDS)) {
    const signals = Object.entries(kind.signals).map(([type, s]) => signalText(type, s as Signal<unknown>)).join('<br>');
    lines.push(`| \`${kind.id}\` | ${kind.severity} | ${cell(kind.title)} | ${cell(signals)} | ${cell(kind.runbook.refs.join('; '))} |`);
  }
  lines.push('', '## Remediations', '', '| remediation | responder | guarded | changes AWS | what it does | IAM actions (on the targets unless `*`) |', '|---|---|---|---|---|---|');
  for (const [id, r] of Object.entries(REMEDIATIONS)) {
    const iam = r.permissions.map((p) => `${p.actions.join(', ')}${p.on === '*' ? ' on `*`' : ''}`).join('; ') || '(sns:Publish to the escalation topic only)';
    lines.push(`| \`${id}\` | ${r.family} | ${r.guarded ? 'yes' : 'no'} | ${r.mutates ? 'yes' : 'no'} | ${cell(r.summary)} | ${cell(iam)} |`);
  }
  return `${lines.join('\n')}\n`;
}
