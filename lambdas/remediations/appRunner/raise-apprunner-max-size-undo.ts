import { DescribeAutoScalingConfigurationCommand, UpdateServiceCommand } from '@aws-sdk/client-apprunner';
import type { RemediationId } from '../../../lib/catalogue';
import { awsCall } from '../../runtime/aws-call';
import { apprunnerClient } from '../../runtime/clients/apprunner';
import { describeRunningService } from './apprunner-service';
import { stringParam } from '../common/plan-params';
import type { Plan } from '../../core/remediation';
import { alreadyRestored, expectRemediation, movedOn, recordedString, undoNoOp } from '../common/undo-plan';
import type { Undo } from '../../core/applied-action';

const ID = 'raise-apprunner-max-size' satisfies RemediationId;

/**
 * Points the service back at the auto-scaling configuration revision it used before the raise.
 * The revision the raise created stays (unused): deleting it is not needed to restore the service.
 */
export const undoRaiseApprunnerMaxSize: Undo<'appRunner'> = {
  async plan(action, ctx): Promise<Plan> {
    expectRemediation(action, ID);
    const serviceArn = recordedString(action, 'params', 'serviceArn');
    const previousArn = recordedString(action, 'before', 'autoScalingConfigurationArn');
    // The new revision's ARN is only known once applied: it is in the applied result, not the plan.
    const leftArn = recordedString(action, 'after', 'autoScalingConfigurationArn');

    const lookup = await describeRunningService(ctx, serviceArn);
    const currentArn = lookup.before.autoScalingConfigurationArn;
    const what = `the auto-scaling configuration of ${serviceArn}`;
    if (currentArn === previousArn) return undoNoOp(action, lookup.before, alreadyRestored(what, previousArn));
    if (currentArn !== leftArn) return undoNoOp(action, lookup.before, movedOn(what, String(currentArn ?? 'none'), leftArn, previousArn));
    if (!lookup.ready) return undoNoOp(action, lookup.before, `${lookup.reason}: the service cannot be updated now, try again later`);

    // A revision deleted since cannot be pointed at again (UpdateService would fail).
    const { AutoScalingConfiguration: config } = await awsCall(ctx.calls, 'apprunner', 'DescribeAutoScalingConfiguration', () =>
      apprunnerClient.send(new DescribeAutoScalingConfigurationCommand({ AutoScalingConfigurationArn: previousArn })),
      { mutating: false },
    );
    const before = { ...lookup.before, previousRevisionStatus: config?.Status ?? null };
    if (config?.Status !== 'ACTIVE') {
      return undoNoOp(action, before, `the earlier revision ${previousArn} is ${config?.Status ?? 'unknown'}, not ACTIVE: it was deleted since, so the service cannot go back to it`);
    }
    return {
      kind: 'change',
      remediation: ID,
      resource: action.resource,
      summary: `undo: point ${serviceArn} back from ${leftArn} to the earlier revision ${previousArn} (MaxSize ${config.MaxSize ?? 'unreported'})`,
      before,
      after: { autoScalingConfigurationArn: previousArn, maxSize: config.MaxSize ?? null },
      params: { serviceArn, autoScalingConfigurationArn: previousArn },
    };
  },

  async apply(plan, ctx) {
    const serviceArn = stringParam(plan, 'serviceArn');
    const configArn = stringParam(plan, 'autoScalingConfigurationArn');
    // Idempotent: pointing the service at the same revision again changes nothing.
    const { Service: service } = await awsCall(ctx.calls, 'apprunner', 'UpdateService', () =>
      apprunnerClient.send(new UpdateServiceCommand({ ServiceArn: serviceArn, AutoScalingConfigurationArn: configArn })),
      { mutating: true, idempotent: true },
    );
    return {
      after: { autoScalingConfigurationArn: configArn, status: service?.Status ?? null },
      summary: `service now uses ${configArn} again (the update runs as an App Runner operation)`,
    };
  },
};
