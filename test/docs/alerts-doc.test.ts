import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALERT_KINDS, REMEDIATIONS, REMEDIATION_IDS } from '../../lib/catalogue';
import { loadConfig } from '../../lib/config/load';
import { planDeployment } from '../../lib/deployment';
import { renderAlertsDoc } from '../../lib/docs/alerts-doc';

const ROOT = join(__dirname, '..', '..');

describe('docs/alerts.md', () => {
  const plan = planDeployment(loadConfig(join(ROOT, 'config', 'default.json')));
  const doc = renderAlertsDoc(plan);
  const lines = doc.split('\n');

  /** The lines under a heading, up to the next heading of the same or a higher level. */
  function section(heading: string): string {
    const start = lines.indexOf(heading);
    if (start < 0) throw new Error(`no heading "${heading}" in docs/alerts.md`);
    const level = heading.indexOf(' ');
    const end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && l.indexOf(' ') <= level);
    return lines.slice(start, end < 0 ? undefined : end).join('\n');
  }

  function remediationRow(id: string): string {
    const row = section('## Remediations').split('\n').find((l) => l.startsWith(`| \`${id}\` |`));
    if (!row) throw new Error(`no row for remediation ${id}`);
    return row;
  }

  it('is what the catalogue and the default configuration generate', () => {
    const committed = readFileSync(join(ROOT, 'docs', 'alerts.md'), 'utf8');
    expect(committed === doc ? 'up to date' : 'stale: run `npm run docs` and commit docs/alerts.md').toBe('up to date');
  });

  it('renders the same text every time, with no dates in it', () => {
    expect(renderAlertsDoc(plan)).toBe(doc);
    expect(doc).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('has a section for every alert kind, with its severity and every target type it watches', () => {
    for (const kind of Object.values(ALERT_KINDS)) {
      const text = section(`### \`${kind.id}\` — ${kind.title}`);
      expect(text).toContain(`**${kind.severity}**`);
      for (const type of Object.keys(kind.signals)) expect(text).toContain(`(\`${type}\`)`);
    }
  });

  it('has a row for every remediation', () => {
    for (const id of REMEDIATION_IDS) expect(remediationRow(id)).toContain(REMEDIATIONS[id].summary);
  });

  it('marks guarded remediations as guarded, and only those', () => {
    expect(remediationRow('reboot-rds-instance')).toContain('| **guarded** |');
    expect(remediationRow('invalidate-cloudfront')).not.toContain('guarded');
    for (const id of REMEDIATION_IDS) expect(remediationRow(id).includes('**guarded**')).toBe(REMEDIATIONS[id].guarded);
    expect(section('### `database-connections` — Database connections exhausted or failing')).toContain(
      '**Guarded**: `reboot-rds-instance` is proposed to people (default level `propose`)',
    );
  });

  it("shows each remediation's default level, the brake and score rules, and what makes each fix permanent", () => {
    for (const id of REMEDIATION_IDS) expect(remediationRow(id)).toContain(`| \`${REMEDIATIONS[id].guarded ? 'propose' : 'auto'}\` |`);
    expect(doc).toContain('drops to `propose` there; the escalation lists those applies');
    expect(doc).toContain('a remediation whose last 2 re-checks on a resource all found the alarm still firing drops to `propose` there');
    expect(section('### What makes each fix permanent')).toContain('| `raise-reserved-concurrency` | raise the function\'s reserved concurrency in its template');
  });

  it("lists every alarm of the default plan in its system's section", () => {
    for (const system of plan.systems) {
      const text = section(`### \`${system.id}\``);
      for (const alarm of system.alarms) expect(text).toContain(`| \`${alarm.name}\` | [\`${alarm.kind.id}\`]`);
      for (const responder of system.responders) expect(text).toContain(`| \`${responder.id}\` | ${responder.family} |`);
    }
  });

  it('lists the runbook reference and steps of dynamodb-throttling', () => {
    const text = section('### `dynamodb-throttling` — DynamoDB throttling');
    expect(text).toContain('ai-lifestyle-app.md Issue 2');
    expect(text).toContain('1. Check consumed against provisioned capacity\n2. Switch the table to on-demand billing (PAY_PER_REQUEST)\n3. Use exponential backoff in clients');
    expect(text).toContain('`switch-dynamodb-on-demand`, run by the dynamodb responder');
  });

  it('keeps every table row as wide as its header (| in cells is escaped)', () => {
    const cells = (row: string) => row.split(/(?<!\\)\|/).length;
    let header: string | undefined;
    for (const line of lines) {
      if (!line.startsWith('|')) header = undefined;
      else if (header === undefined) header = line;
      else expect([line, cells(line)]).toEqual([line, cells(header)]);
    }
  });
});
