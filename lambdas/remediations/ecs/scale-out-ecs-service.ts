import { UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { int, object, str, type Infer } from '../../core/params';
import { defineRemediation, type ApplyResult, type RemediationContext } from '../../core/remediation';
import { awsCall } from '../../runtime/aws-call';
import { ecsClient } from '../../runtime/clients/ecs';
import { alreadyRestored, movedOn, undoNoOp } from '../common/undo-reasons';
import { describeEcsService, ecsResource } from './ecs-service';

const ID = 'scale-out-ecs-service';

/** The service and the absolute count to set: the scale-out's params, and its undo's. */
const desiredCountParams = object({ cluster: str(), service: str(), desiredCount: int() });

/** Sets the absolute count: the scale-out and its undo alike. */
async function setDesiredCount({ cluster, service, desiredCount }: Infer<typeof desiredCountParams>, ctx: RemediationContext<'ecs'>): Promise<ApplyResult> {
  // Idempotent: the count is absolute, so a repeat sets the same value.
  const out = await awsCall(ctx.calls, 'ecs', 'UpdateService', () =>
    ecsClient().send(new UpdateServiceCommand({ cluster, service, desiredCount })),
    { mutating: true, idempotent: true },
  );
  const applied = out.service?.desiredCount ?? desiredCount;
  return { after: { desiredCount: applied }, summary: `desired count of ${cluster}/${service} set to ${applied}` };
}

/** Desired count is accepted under every deployment controller, so no controller check here. */
export const scaleOutEcsService = defineRemediation({
  id: ID,
  targetType: 'ecs',
  params: desiredCountParams,

  async plan(ctx) {
    const base = { remediation: ID, resource: ecsResource(ctx) } as const;
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

  apply: setDesiredCount,

  /**
   * Puts the desired count back. A count that moved since (service auto scaling, a person) is left
   * alone: lowering it could take away capacity someone added on purpose.
   */
  undo: {
    recorded: object({
      params: object({ cluster: str(), service: str() }),
      before: object({ desiredCount: int() }),
      after: object({ desiredCount: int() }),
    }),
    params: desiredCountParams,

    async plan({ params: { cluster, service }, before: { desiredCount: previous }, after: { desiredCount: left } }, action, ctx) {
      // The service the action scaled, which is the target's unless the configuration changed since.
      const lookup = await describeEcsService({ ...ctx, target: { ...ctx.target, props: { ...ctx.target.props, cluster, service } } });
      if (!lookup.found) return undoNoOp(action, lookup.before, lookup.reason);
      const current = lookup.service.desiredCount ?? 0;
      const what = `desired count of ECS service ${service}`;
      if (current === previous) return undoNoOp(action, lookup.before, alreadyRestored(what, String(previous)));
      if (current !== left) return undoNoOp(action, lookup.before, movedOn(what, String(current), String(left), String(previous)));
      return {
        kind: 'change',
        remediation: ID,
        resource: action.resource,
        summary: `undo: lower desired count of ECS service ${service} from ${left} back to ${previous}`,
        before: lookup.before,
        after: { desiredCount: previous },
        params: { cluster, service, desiredCount: previous },
      };
    },
    // The same absolute UpdateService as the scale-out, with the earlier count.
    apply: setDesiredCount,
  },
});
