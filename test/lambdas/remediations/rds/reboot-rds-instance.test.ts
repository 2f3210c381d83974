import { DescribeDBInstancesCommand, RDSClient, RebootDBInstanceCommand, type DBInstance } from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { retryPolicy } from '../../../../lambdas/runtime/aws-call';
import { rebootRdsInstance } from '../../../../lambdas/remediations/rds/reboot-rds-instance';
import { awsError, expectChange, expectNoOp, expectOnlyReads, rdsTarget, serviceContext } from '../service-fixtures';
import { applyChange } from '../apply-within-applies';

const rdsMock = mockClient(RDSClient);

const instance = (overrides: Partial<DBInstance> = {}): DBInstance => ({
  DBInstanceIdentifier: 'rung-prod',
  DBInstanceStatus: 'available',
  DBInstanceClass: 'db.t4g.medium',
  Engine: 'postgres',
  MultiAZ: false,
  ...overrides,
});

const ctx = () => serviceContext(rdsTarget(), 'database-connections');

beforeEach(() => {
  rdsMock.reset();
  retryPolicy.baseDelayMs = 0;
});

describe('reboot-rds-instance plan', () => {
  it('plans a reboot of an available instance without changing anything', async () => {
    rdsMock.on(DescribeDBInstancesCommand, { DBInstanceIdentifier: 'rung-prod' }).resolves({ DBInstances: [instance()] });
    const c = ctx();
    const plan = expectChange(await rebootRdsInstance.plan(c));
    expect(plan.resource).toBe('rung-prod');
    expect(plan.before).toEqual({ status: 'available', instanceClass: 'db.t4g.medium', engine: 'postgres', multiAZ: false });
    expect(plan.params).toEqual({ instanceId: 'rung-prod' });
    expectOnlyReads(c);
    expect(rdsMock).not.toHaveReceivedCommand(RebootDBInstanceCommand);
  });

  it.each(['rebooting', 'backing-up', 'modifying'])('does nothing while the instance is %s, naming the status', async (status) => {
    rdsMock.on(DescribeDBInstancesCommand).resolves({ DBInstances: [instance({ DBInstanceStatus: status })] });
    expect(expectNoOp(await rebootRdsInstance.plan(ctx())).reason).toBe(`DB instance status is ${status}; a reboot needs it to be available`);
  });

  it('retries a throttled DescribeDBInstances', async () => {
    rdsMock.on(DescribeDBInstancesCommand).rejectsOnce(awsError('Throttling')).resolves({ DBInstances: [instance()] });
    const c = ctx();
    expectChange(await rebootRdsInstance.plan(c));
    expect(c.calls).toEqual([{ service: 'rds', operation: 'DescribeDBInstances', mutating: false, ok: true, attempts: 2 }]);
  });

  it('fails when DescribeDBInstances is denied, recording the failed call', async () => {
    rdsMock.on(DescribeDBInstancesCommand).rejects(awsError('AccessDeniedException'));
    const c = ctx();
    await expect(rebootRdsInstance.plan(c)).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect(c.calls).toEqual([expect.objectContaining({ operation: 'DescribeDBInstances', ok: false, error: expect.stringContaining('AccessDenied') })]);
  });
});

describe('reboot-rds-instance apply', () => {
  it('reboots the instance and reports the status RDS returns', async () => {
    rdsMock.on(DescribeDBInstancesCommand).resolves({ DBInstances: [instance()] });
    rdsMock.on(RebootDBInstanceCommand).resolves({ DBInstance: instance({ DBInstanceStatus: 'rebooting' }) });
    const c = ctx();
    const result = await applyChange(rebootRdsInstance, expectChange(await rebootRdsInstance.plan(c)), c);
    expect(rdsMock).toHaveReceivedCommandTimes(RebootDBInstanceCommand, 1);
    expect(rdsMock).toHaveReceivedCommandWith(RebootDBInstanceCommand, { DBInstanceIdentifier: 'rung-prod' });
    expect(rdsMock.commandCalls(RebootDBInstanceCommand)[0]?.args[0].input.ForceFailover).toBeUndefined();
    expect(result.after).toEqual({ status: 'rebooting' });
  });

  it('retries a throttled reboot: AWS refused it before acting', async () => {
    rdsMock.on(DescribeDBInstancesCommand).resolves({ DBInstances: [instance()] });
    rdsMock.on(RebootDBInstanceCommand).rejectsOnce(awsError('Throttling')).resolves({ DBInstance: { DBInstanceStatus: 'rebooting' } });
    const c = ctx();
    const plan = expectChange(await rebootRdsInstance.plan(c));
    await applyChange(rebootRdsInstance, plan, c);
    expect(rdsMock).toHaveReceivedCommandTimes(RebootDBInstanceCommand, 2);
    expect(c.calls[1]).toMatchObject({ operation: 'RebootDBInstance', mutating: true, ok: true, attempts: 2 });
  });

  it('does not retry a reboot that timed out: it may have started, and a second would double the outage', async () => {
    rdsMock.on(DescribeDBInstancesCommand).resolves({ DBInstances: [instance()] });
    rdsMock.on(RebootDBInstanceCommand).rejects(awsError('TimeoutError'));
    const c = ctx();
    const plan = expectChange(await rebootRdsInstance.plan(c));
    await expect(applyChange(rebootRdsInstance, plan, c)).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(rdsMock).toHaveReceivedCommandTimes(RebootDBInstanceCommand, 1);
    expect(c.calls[1]).toMatchObject({ operation: 'RebootDBInstance', mutating: true, ok: false, attempts: 1 });
  });
});
