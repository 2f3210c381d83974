/**
 * What AWS would answer to the dry runs' reads in an example account (123456789012, the default
 * configuration's region) where every configured alarm is firing: for examples/state/default.json.
 */
import { loadConfig } from '../lib/config/load';
import { planDeployment } from '../lib/deployment';

const ACCOUNT = '123456789012';
const plan = planDeployment(loadConfig('config/default.json'));
const alarms = new Map(plan.systems.flatMap((s) => s.responders.flatMap((r) => r.alarms.map((a) => [a.name, a] as const))));

type Input = Record<string, unknown> | undefined;

function describeAlarm(input: Input, at: Date): unknown {
  const names = input?.AlarmNames;
  const name = Array.isArray(names) && typeof names[0] === 'string' ? names[0] : '';
  const alarm = alarms.get(name);
  if (!alarm) return { MetricAlarms: [] };
  const region = alarm.usEast1 ? 'us-east-1' : plan.config.region;
  const since = new Date(at.getTime() - 4 * 60_000);
  return {
    MetricAlarms: [
      {
        AlarmName: name,
        AlarmArn: `arn:aws:cloudwatch:${region}:${ACCOUNT}:alarm:${name}`,
        StateValue: 'ALARM',
        StateReason: `Threshold Crossed: ${alarm.datapointsToAlarm} datapoints were ${alarm.comparison.replace(/Threshold$/, '').replace(/([A-Z])/g, ' $1').trim().toLowerCase()} the threshold (${alarm.threshold}).`,
        StateTransitionedTimestamp: since,
        StateUpdatedTimestamp: since,
        Threshold: alarm.threshold,
        ComparisonOperator: alarm.comparison,
        EvaluationPeriods: alarm.evaluationPeriods,
        DatapointsToAlarm: alarm.datapointsToAlarm,
        TreatMissingData: alarm.treatMissingData,
      },
    ],
  };
}

/** The answer to one read. */
export function answer(service: string, operation: string, input: Input, at: Date): unknown {
  if (service === 'cloudwatch' && operation === 'DescribeAlarms') return describeAlarm(input, at);
  return {};
}
