import { DescribeDBInstancesCommand, RebootDBInstanceCommand } from '@aws-sdk/client-rds';
import { object, str } from '../../core/params';
import { defineRemediation } from '../../core/remediation';
import type { State } from '../../core/state';
import { awsCall } from '../../runtime/aws-call';
import { rdsClient } from '../../runtime/clients/rds';

/** Guarded (see the catalogue): a reboot drops every connection, so it runs only where enabled. */
export const rebootRdsInstance = defineRemediation({
  id: 'reboot-rds-instance',
  targetType: 'rds',
  params: object({ instanceId: str() }),

  async plan(ctx) {
    const instanceId = ctx.target.props.instanceId;
    const base = { remediation: 'reboot-rds-instance', resource: instanceId } as const;
    const out = await awsCall(ctx.calls, 'rds', 'DescribeDBInstances', () =>
      rdsClient().send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: instanceId })),
      { mutating: false },
    );
    const instance = out.DBInstances?.[0];
    const status = instance?.DBInstanceStatus ?? 'unknown';
    const before: State = {
      status,
      instanceClass: instance?.DBInstanceClass ?? null,
      engine: instance?.Engine ?? null,
      multiAZ: instance?.MultiAZ ?? null,
    };
    // RDS refuses a reboot in any other state (InvalidDBInstanceState), and a reboot during
    // backup, modification or an earlier reboot would only prolong the outage.
    if (status !== 'available') {
      return { ...base, kind: 'no-op', before, reason: `DB instance status is ${status}; a reboot needs it to be available` };
    }
    return {
      ...base,
      kind: 'change',
      summary: `reboot RDS DB instance ${instanceId} (${before.instanceClass ?? 'unknown class'})`,
      before,
      after: { status: 'rebooting' },
      params: { instanceId },
    };
  },

  async apply({ instanceId }, ctx) {
    // Not idempotent: a repeat would reboot a second time (or fail on the rebooting instance).
    const out = await awsCall(ctx.calls, 'rds', 'RebootDBInstance', () =>
      rdsClient().send(new RebootDBInstanceCommand({ DBInstanceIdentifier: instanceId })),
      { mutating: true, idempotent: false },
    );
    const status = out.DBInstance?.DBInstanceStatus ?? null;
    return { after: { status }, summary: `reboot of ${instanceId} started (status ${status ?? 'unknown'})` };
  },
});
