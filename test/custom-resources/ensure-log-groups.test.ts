import {
  AssociateKmsKeyCommand,
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  PutRetentionPolicyCommand,
  ResourceAlreadyExistsException,
} from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { ensureLogGroups, eventSchema, responseBody, type EnsureLogGroupsEvent } from '../../lib/custom-resources/ensure-log-groups';

const logs = mockClient(CloudWatchLogsClient);
const client = new CloudWatchLogsClient({ region: 'us-east-1' });
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

const exists = () => new ResourceAlreadyExistsException({ message: 'The specified log group already exists', $metadata: {} });

function event(requestType: 'Create' | 'Update' | 'Delete', logGroups: Array<Record<string, string>>): EnsureLogGroupsEvent {
  return eventSchema.parse({
    RequestType: requestType,
    ResponseURL: 'https://cloudformation-custom-resource-response.s3.amazonaws.com/x?X-Amz-Signature=y',
    StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/ar-rung/1',
    RequestId: 'request-1',
    LogicalResourceId: 'AlarmsLogGroups',
    ...(requestType === 'Create' ? {} : { PhysicalResourceId: 'AlarmsLogGroups-log-groups' }),
    ResourceProperties: { ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:provider', LogGroups: logGroups },
  });
}

const watched = (name: string) => ({ Name: name, RetentionInDays: '90', Owned: 'false' });

afterEach(() => logs.reset());

describe('Custom::EnsureLogGroups', () => {
  test('creates a missing group with the configured retention and key', async () => {
    const result = await ensureLogGroups(event('Create', [{ ...watched('/aws/lambda/user-service'), KmsKeyArn: KEY }]), client);

    expect(result.outcomes).toEqual({ '/aws/lambda/user-service': 'created' });
    expect(logs).toHaveReceivedCommandWith(CreateLogGroupCommand, { logGroupName: '/aws/lambda/user-service', kmsKeyId: KEY });
    expect(logs).toHaveReceivedCommandWith(PutRetentionPolicyCommand, { logGroupName: '/aws/lambda/user-service', retentionInDays: 90 });
  });

  test('leaves a group it does not own as its owner set it (ResourceAlreadyExistsException is expected)', async () => {
    logs.on(CreateLogGroupCommand).rejects(exists());

    const result = await ensureLogGroups(event('Update', [watched('/rung/security/prod')]), client);

    expect(result).toEqual({ physicalResourceId: 'AlarmsLogGroups-log-groups', outcomes: { '/rung/security/prod': 'existing' } });
    expect(logs).toHaveReceivedCommandTimes(PutRetentionPolicyCommand, 0);
    expect(logs).toHaveReceivedCommandTimes(AssociateKmsKeyCommand, 0);
  });

  test('adopts its own group left by an earlier deployment: retention and key again', async () => {
    logs.on(CreateLogGroupCommand).rejects(exists());

    const result = await ensureLogGroups(event('Create', [{ Name: '/alert-responder/ar/remediations', RetentionInDays: '365', KmsKeyArn: KEY, Owned: 'true' }]), client);

    expect(result.outcomes).toEqual({ '/alert-responder/ar/remediations': 'adopted' });
    expect(logs).toHaveReceivedCommandWith(PutRetentionPolicyCommand, { logGroupName: '/alert-responder/ar/remediations', retentionInDays: 365 });
    expect(logs).toHaveReceivedCommandWith(AssociateKmsKeyCommand, { logGroupName: '/alert-responder/ar/remediations', kmsKeyId: KEY });
  });

  test('deletes nothing when the stack is deleted', async () => {
    const result = await ensureLogGroups(event('Delete', [watched('/aws/lambda/user-service')]), client);

    expect(result.outcomes).toEqual({});
    expect(logs.calls()).toHaveLength(0);
  });

  test('fails when CloudWatch Logs refuses for another reason, and says why', async () => {
    logs.on(CreateLogGroupCommand).rejects(Object.assign(new Error('User is not authorized to perform: logs:CreateLogGroup'), { name: 'AccessDeniedException' }));
    const e = event('Create', [watched('/aws/lambda/user-service')]);

    const failure = await ensureLogGroups(e, client).catch((err: Error) => err);

    expect(failure).toBeInstanceOf(Error);
    expect(JSON.parse(responseBody(e, { ok: false, reason: `${(failure as Error).name}: ${(failure as Error).message}` }))).toEqual({
      Status: 'FAILED',
      Reason: 'AccessDeniedException: User is not authorized to perform: logs:CreateLogGroup',
      PhysicalResourceId: 'AlarmsLogGroups-log-groups',
      StackId: e.StackId,
      RequestId: 'request-1',
      LogicalResourceId: 'AlarmsLogGroups',
      NoEcho: false,
    });
  });

  test('fails when the properties are not what the construct writes, naming the field', async () => {
    await expect(ensureLogGroups(event('Create', [{ Name: '/x', RetentionInDays: 'ninety', Owned: 'false' }]), client)).rejects.toThrow(/RetentionInDays/);
  });
});

describe('the deployed handler', () => {
  test('answers CloudFormation at the response URL with a PUT of the outcome', async () => {
    const { createServer } = await import('node:http');
    const { handler } = await import('../../lib/custom-resources/ensure-log-groups-handler');
    const received: Array<{ method?: string; contentType?: string; body: string }> = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ method: req.method, contentType: req.headers['content-type'], body });
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('no port');
      const e = { ...event('Create', [watched('/aws/lambda/user-service')]), ResponseURL: `http://127.0.0.1:${address.port}/response` };

      const spy = jest.spyOn(console, 'log').mockImplementation(() => undefined);
      let logged: unknown[] = [];
      try {
        await handler(e);
        logged = spy.mock.calls.map((c) => JSON.parse(String(c[0])));
      } finally {
        spy.mockRestore();
      }

      // The outcome of each group is in the provider's log.
      expect(logged).toEqual([{ requestType: 'Create', outcomes: { '/aws/lambda/user-service': 'created' } }]);
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({ method: 'PUT', contentType: '' });
      expect(JSON.parse(received[0].body)).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'AlarmsLogGroups-log-groups', RequestId: 'request-1' });
    } finally {
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    }
  });
});
