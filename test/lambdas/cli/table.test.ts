import { NO_CONTEXT } from '../../../lambdas/core/context';
import type { ResultRecord } from '../../../lambdas/core/record';
import { formatRecord } from '../../../lambdas/cli/table';

const record: ResultRecord = {
  recordVersion: 1,
  recordType: 'notification',
  recordId: 'r-1',
  time: '2026-11-23T03:13:45.123Z',
  responder: { system: 'rung', family: 'lambda' },
  source: 'manual',
  severity: 'P1',
  mode: 'dry-run',
  decision: 'planned',
  reasonCode: 'dry-run',
  reason: 'dry run: raise; would not apply: inside maintenance window "monday patching"',
  actions: [],
  before: {},
  after: {},
  calls: [],
  durationMs: 1,
};

describe('formatRecord', () => {
  it('names the maintenance window the target is in on a line of its own', () => {
    const maintenance = { name: 'monday patching', level: 'resource' as const, schedule: 'cron 0 4 * * MON', timeZone: 'Europe/Berlin', start: '2026-11-23T03:00:00.000Z', end: '2026-11-23T04:00:00.000Z', escalates: false };
    expect(formatRecord({ ...record, context: { ...NO_CONTEXT, maintenance } })).toContain(
      'Window    monday patching (resource, cron 0 4 * * MON Europe/Berlin) 2026-11-23T03:00:00.000Z to 2026-11-23T04:00:00.000Z: nothing applied, no page',
    );
    expect(formatRecord({ ...record, context: { ...NO_CONTEXT, maintenance: { ...maintenance, escalates: true } } })).toContain('nothing applied, P1 still pages');
  });

  it('has no window line outside a window', () => {
    expect(formatRecord(record)).not.toContain('Window');
  });
});
