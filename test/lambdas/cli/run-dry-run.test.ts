import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  GetAccountSettingsCommand,
  GetFunctionConcurrencyCommand,
  GetProvisionedConcurrencyConfigCommand,
  LambdaClient,
  PutProvisionedConcurrencyConfigCommand,
} from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { runDryRun } from '../../../lambdas/cli/run-dry-run';
import { retryPolicy } from '../../../lambdas/runtime/aws-call';

const ALARM = 'ar-rung-high-latency-rung-api-prod';
const cloudwatch = mockClient(CloudWatchClient);
const lambda = mockClient(LambdaClient);

beforeEach(() => {
  cloudwatch.reset();
  lambda.reset();
  retryPolicy.baseDelayMs = 0;
  lambda.on(GetProvisionedConcurrencyConfigCommand).resolves({ RequestedProvisionedConcurrentExecutions: 2, AllocatedProvisionedConcurrentExecutions: 2, Status: 'READY' });
  lambda.on(GetFunctionConcurrencyCommand).resolves({});
  lambda.on(GetAccountSettingsCommand).resolves({ AccountLimit: { UnreservedConcurrentExecutions: 900 } });
});

describe('npm run respond (dry run)', () => {
  it('plans the alarm with the caller’s credentials, prints a table and changes nothing', async () => {
    cloudwatch.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [{ AlarmName: ALARM, AlarmArn: `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${ALARM}`, StateValue: 'OK', StateReason: 'fine', MetricName: 'Duration', Namespace: 'AWS/Lambda' }],
    });
    const result = await runDryRun({ configPath: 'config/default.json', alarmName: ALARM });
    expect(result.error).toBeUndefined();
    expect(result.records[0]).toMatchObject({ mode: 'dry-run', decision: 'planned', alertKind: 'high-latency' });
    expect(result.text).toMatch(/raise-provisioned-concurrency\s+planned/);
    expect(result.text).toContain('"provisionedConcurrency":4');
    expect(lambda).not.toHaveReceivedCommand(PutProvisionedConcurrencyConfigCommand);
  });

  it('replays a saved notification as a dry run, whatever it says', async () => {
    const event = readFileSync(join(__dirname, '..', '..', 'events', 'sns-metric-alarm.json'), 'utf8');
    const result = await runDryRun({ configPath: 'config/default.json', eventJson: event });
    expect(result.records).toHaveLength(1);
    expect(result.records[0]).toMatchObject({ source: 'sns', mode: 'dry-run', decision: 'planned' });
    expect(lambda).not.toHaveReceivedCommand(PutProvisionedConcurrencyConfigCommand);
  });

  it('says clearly that credentials are missing, without a stack trace', async () => {
    cloudwatch.on(DescribeAlarmsCommand).rejects(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }));
    const result = await runDryRun({ configPath: 'config/default.json', alarmName: ALARM });
    expect(result.error).toMatch(/^No AWS credentials found\. Set AWS_PROFILE/);
    expect(result.error).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['an alarm the configuration does not have', { alarmName: 'ar-rung-high-latency-nope' }, /No alarm named "ar-rung-high-latency-nope" in this configuration/],
    ['an event file that is not JSON', { eventJson: '{oops' }, /The event file is not JSON/],
    ['an invalid configuration', { alarmName: ALARM, configPath: 'package.json' }, /Invalid alert-responder configuration/],
  ])('refuses %s', async (_, args, message) => {
    const result = await runDryRun({ configPath: 'config/default.json', ...args });
    expect(result.error).toMatch(message);
    expect(result.records).toEqual([]);
  });
});
