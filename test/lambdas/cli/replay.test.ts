import { readFileSync } from 'node:fs';
import { alarmNames, runFromState } from '../../../lambdas/cli/capture';
import { parseSavedState, type SavedState } from '../../../lambdas/cli/saved-state';

const CONFIG = 'config/default.json';
const SHIPPED = 'examples/state/default.json';
const ALARM = 'ar-rung-high-latency-rung-api-prod';
const CREDENTIALS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'];
const saved = { ...process.env };

// No credentials anywhere, and an endpoint where nothing listens: a call that escaped the saved state would fail.
beforeAll(() => {
  for (const name of CREDENTIALS) delete process.env[name];
  process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/credentials';
  process.env.AWS_CONFIG_FILE = '/nonexistent/config';
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9';
});
afterAll(() => {
  process.env = saved;
});

const shipped = (): SavedState => parseSavedState(readFileSync(SHIPPED, 'utf8'), SHIPPED);

describe('npm run respond -- --state FILE (offline dry run)', () => {
  it('plans the README’s alarm from the shipped state, without credentials or network', async () => {
    const result = await runFromState({ configPath: CONFIG, alarmName: ALARM, state: shipped() });
    expect(result.error).toBeUndefined();
    expect(result.records[0]).toMatchObject({ mode: 'dry-run', decision: 'planned', alertKind: 'high-latency', alarm: { state: 'ALARM' } });
    expect(result.text).toMatch(/raise-provisioned-concurrency\s+planned/);
    expect(result.records[0]?.calls.every((c) => c.ok && !c.mutating)).toBe(true);
  });

  it('dry-runs every alarm of the default configuration from the shipped state', async () => {
    const state = shipped();
    const problems: string[] = [];
    for (const alarm of alarmNames(CONFIG)) {
      const result = await runFromState({ configPath: CONFIG, alarmName: alarm, state });
      const failed = result.records.flatMap((r) => r.calls).filter((c) => !c.ok);
      if (result.error || failed.length > 0 || result.records[0]?.decision === 'failed') problems.push(`${alarm}: ${result.error ?? failed.map((c) => c.error).join('; ')}`);
    }
    expect(problems).toEqual([]);
  });

  it('says which call the saved state cannot answer, not that AWS failed', async () => {
    const state = shipped();
    const partial = { ...state, answers: state.answers.filter((a) => a.operation !== 'GetProvisionedConcurrencyConfig') };
    const result = await runFromState({ configPath: CONFIG, alarmName: ALARM, state: partial });
    expect(result.error).toBe('the saved state has no answer for lambda.GetProvisionedConcurrencyConfig {"FunctionName":"rung-api-prod","Qualifier":"prod"}: capture again');
  });

  it('says the alarm is not in the saved state when it was captured for another configuration', async () => {
    const state = { ...shipped(), answers: [] };
    const result = await runFromState({ configPath: CONFIG, alarmName: ALARM, state });
    expect(result.error).toBe(`the saved state has no answer for cloudwatch.DescribeAlarms {"AlarmNames":["${ALARM}"],"AlarmTypes":["MetricAlarm"]}: capture again`);
    expect(result.records).toEqual([]);
  });
});
