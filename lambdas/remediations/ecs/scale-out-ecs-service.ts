import { UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { awsCall } from '../../runtime/aws-call';
import { ecsClient } from '../../runtime/clients/ecs';
import { describeEcsService, ecsResource } from './ecs-service';
import { countParam, stringParam } from '../common/plan-params';
import type { Plan, Remediation } from '../../core/remediation';
import { alreadyRestored, expectRemediation, movedOn, recordedCount, recordedString, undoNoOp } from '../common/undo-plan';
import type { Undo } from '../../core/applied-action';

/**
 * Puts the desired count back. A count that moved since (service auto scaling, a person) is left
 * alone: lowering it could take away capacity someone added on purpose.
 */
const undo: Undo<'ecs'> = {
  async plan(action, ctx): Promise<Plan> {
    expectRemediation(action, 'scale-out-ecs-service');
    const cluster = recordedString(action, 'params', 'cluster');
    const service = recordedString(action, 'params', 'service');
    const previous = recordedCount(action, 'before', 'desiredCount');
    const left = recordedCount(action, 'after', 'desiredCount');
    // The service the action scaled, which is the target's unless the configuration changed since.
    const lookup = await describeEcsService({ ...ctx, target: { ...ctx.target, props: { ...ctx.target.props, cluster, service } } });
    if (!lookup.found) return undoNoOp(action, lookup.before, lookup.reason);
    const current = lookup.service.desiredCount ?? 0;
    const what = `desired count of ECS service ${service}`;
    if (current === previous) return undoNoOp(action, lookup.before, alreadyRestored(what, String(previous)));
    if (current !== left) return undoNoOp(action, lookup.before, movedOn(what, String(current), String(left), String(previous)));
    return {
      kind: 'change',
      remediation: 'scale-out-ecs-service',
      resource: action.resource,
      summary: `undo: lower desired count of ECS service ${service} from ${left} back to ${previous}`,
      before: lookup.before,
      after: { desiredCount: previous },
      params: { cluster, service, desiredCount: previous },
    };
  },
  // The same absolute UpdateService as the scale-out, with the earlier count.
  apply: (plan, ctx) => scaleOutEcsService.apply(plan, ctx),
};

/** Desired count is accepted under every deployment controller, so no controller check here. */
export const scaleOutEcsService: Remediation<'ecs'> = {
  id: 'scale-out-ecs-service',
  targetType: 'ecs',
  undo,

  async plan(ctx): Promise<Plan> {
    const base = { remediation: 'scale-out-ecs-service', resource: ecsResource(ctx) } as const;
    const lookup = await describeEcsService(ctx);
    if (!lookup.found) return { ...base, kind: 'no-op', before: lookup.before, reason: lookup.reason };
    const { service, before } = lookup;

    const current = service.desiredCount ?? 0;
    const cap = ctx.target.caps.maxDesiredCount;
    if (current >= cap) {
      return {
        ...base,
        kind: 'no-op',
        before,
        notApplicable: true,
        reason: `desired count ${current} is already at or above the cap of ${cap}`,
      };
    }
    const desiredCount = current + 1;
    const { cluster, service: serviceName } = ctx.target.props;
    return {
      ...base,
      kind: 'change',
      summary: `raise desired count of ECS service ${serviceName} from ${current} to ${desiredCount} (cap ${cap})`,
      before,
      after: { desiredCount },
      params: { cluster, service: serviceName, desiredCount },
    };
  },

  async apply(plan, ctx) {
    const cluster = stringParam(plan, 'cluster');
    const service = stringParam(plan, 'service');
    const desiredCount = countParam(plan, 'desiredCount');
    // Idempotent: the count is absolute, so a repeat sets the same value.
    const out = await awsCall(ctx.calls, 'ecs', 'UpdateService', () =>
      ecsClient.send(new UpdateServiceCommand({ cluster, service, desiredCount })),
      { mutating: true, idempotent: true },
    );
    const applied = out.service?.desiredCount ?? desiredCount;
    return { after: { desiredCount: applied }, summary: `desired count of ${plan.resource} set to ${applied}` };
  },
};
