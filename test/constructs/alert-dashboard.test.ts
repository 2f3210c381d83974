import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AlertDashboard, type AlertDashboardProps, type DashboardAlarm } from '../../lib/constructs/alert-dashboard';
import { REMEDIATION_QUERIES, type RemediationQueryId } from '../../lib/constructs/remediation-queries';
import { dashboardWidgets, refMarker, type DashboardWidget } from './dashboard-body';

const ALARMS: DashboardAlarm[] = [
  { name: 'ops-shop-api-down-health', severity: 'P0', region: 'eu-west-1' },
  { name: 'ops-shop-high-latency-api', severity: 'P1', region: 'eu-west-1' },
  { name: 'ops-shop-cdn-errors-cdn', severity: 'P2', region: 'us-east-1' },
];

type Options = Omit<AlertDashboardProps, 'dashboardName' | 'alarms' | 'remediationLog'> & { readonly withLog?: boolean };

function build(options: Options = { withLog: true }) {
  const stack = new Stack(new App(), 'DashboardTest', { env: { account: '123456789012', region: 'eu-west-1' } });
  const logGroup = new logs.LogGroup(stack, 'RemediationLog', { logGroupName: '/alert-responder/ops/remediations' });
  const { withLog, ...rest } = options;
  new AlertDashboard(stack, 'Dashboard', { dashboardName: 'ops-alerts', alarms: ALARMS, ...(withLog ? { remediationLog: logGroup } : {}), ...rest });
  const template = Template.fromStack(stack);
  const logGroupId = stack.getLogicalId(logGroup.node.defaultChild as logs.CfnLogGroup);
  return { widgets: dashboardWidgets(template), logGroupId };
}

const failedRecords = () => new cloudwatch.Metric({ namespace: 'AlertResponder/ops', metricName: 'FailedRecords', statistic: 'Sum', period: Duration.minutes(5) });
const logWidgets = (widgets: DashboardWidget[]) => widgets.filter((w) => w.type === 'log');
const bottom = (w: DashboardWidget) => w.y + w.height;

describe('AlertDashboard with the remediation log', () => {
  test('each log widget runs a saved query, word for word, on the remediation log only', () => {
    const { widgets, logGroupId } = build();
    const expected: Array<[RemediationQueryId, string]> = [
      ['recordsByDecision', 'bar'],
      ['failureCounts', 'bar'],
      ['duration', 'timeSeries'],
      ['failuresAndEscalations', 'table'],
      ['fixScore', 'table'],
      ['latestRecords', 'table'],
    ];
    expect(logWidgets(widgets).map((w) => ({ title: w.properties.title, view: w.properties.view, query: w.properties.query }))).toEqual(
      expected.map(([id, view]) => ({
        title: REMEDIATION_QUERIES[id].title,
        view,
        query: `SOURCE '${refMarker(logGroupId)}' | ${REMEDIATION_QUERIES[id].query.toString()}`,
      })),
    );
  });

  test('the responder widgets come first, the alarm rows after them', () => {
    const { widgets } = build({ withLog: true, failedRecordsMetric: failedRecords() });
    const alarms = widgets.filter((w) => w.type === 'alarm');
    const responders = widgets.filter((w) => w.type === 'log' || w.type === 'metric');
    expect(alarms.map((w) => w.properties.title)).toEqual(['P0 critical: 1 alarms', 'P1 high: 1 alarms', 'P2 medium: 1 alarms']);
    expect(responders).toHaveLength(7);
    expect(Math.max(...responders.map(bottom))).toBeLessThanOrEqual(Math.min(...alarms.map((w) => w.y)));
    expect(widgets.findIndex((w) => w.type === 'alarm')).toBeGreaterThan(Math.max(...responders.map((w) => widgets.indexOf(w))));
    expect(widgets[0].properties.markdown).toContain('What the responders did');
  });

  test('the latest records span the full width', () => {
    const latest = logWidgets(build().widgets).find((w) => w.properties.title === REMEDIATION_QUERIES.latestRecords.title);
    expect(latest).toMatchObject({ width: 24, x: 0 });
  });

  test('graphs the failed-records metric next to the failure counts when given', () => {
    const { widgets } = build({ withLog: true, failedRecordsMetric: failedRecords() });
    const graph = widgets.find((w) => w.type === 'metric');
    expect(graph?.properties).toMatchObject({ title: 'Failed records', metrics: [['AlertResponder/ops', 'FailedRecords', { stat: 'Sum' }]] });
    const counts = logWidgets(widgets).find((w) => w.properties.title === REMEDIATION_QUERIES.failureCounts.title);
    expect(graph?.y).toBe(counts?.y);
  });

  test('names the saved queries folder in the header when given', () => {
    const { widgets } = build({ withLog: true, savedQueriesFolder: 'alert-responder/ops' });
    expect(widgets[0].properties.markdown).toContain('`alert-responder/ops/`');
  });

  test('without the failed-records metric, the count widgets share the row', () => {
    const { widgets } = build();
    expect(widgets.some((w) => w.type === 'metric')).toBe(false);
    const first = logWidgets(widgets)[0];
    const row = logWidgets(widgets).filter((w) => w.y === first.y);
    expect(row.map((w) => [w.properties.title, w.width])).toEqual([
      [REMEDIATION_QUERIES.recordsByDecision.title, 12],
      [REMEDIATION_QUERIES.failureCounts.title, 12],
    ]);
  });
});

describe('AlertDashboard without the remediation log', () => {
  test('shows only the alarm rows, from the top', () => {
    const { widgets } = build({ withLog: false });
    expect(widgets.map((w) => w.type)).toEqual(['alarm', 'alarm', 'alarm']);
    expect(widgets[0].y).toBe(0);
  });

  test('fails when the metric or the folder is given without the log, naming both', () => {
    expect(() => build({ withLog: false, failedRecordsMetric: failedRecords(), savedQueriesFolder: 'alert-responder/ops' })).toThrow(
      /failedRecordsMetric needs remediationLog.*; savedQueriesFolder needs remediationLog \(received "alert-responder\/ops"/,
    );
  });

  test('fails when alarmsPerWidget is not a positive integer', () => {
    expect(() => build({ withLog: true, alarmsPerWidget: 0 })).toThrow('alarmsPerWidget must be a positive integer (received 0)');
  });
});
