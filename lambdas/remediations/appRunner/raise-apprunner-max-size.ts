import {
  CreateAutoScalingConfigurationCommand,
  DescribeAutoScalingConfigurationCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-apprunner';
import { int, object, str } from '../../core/params';
import { defineRemediation } from '../../core/remediation';
import type { State } from '../../core/state';
import { awsCall } from '../../runtime/aws-call';
import { apprunnerClient } from '../../runtime/clients/apprunner';
import { alreadyRestored, movedOn, undoNoOp } from '../common/undo-reasons';
import { appRunnerServiceArn } from './apprunner-arn';
import { describeRunningService } from './apprunner-service';

const ID = 'raise-apprunner-max-size';

/** CreateAutoScalingConfiguration answered without an ARN: UpdateService would have nothing to point at. */
export class AutoScalingRevisionError extends Error {
  constructor(name: string) {
    super(`CreateAutoScalingConfiguration for ${name} returned no AutoScalingConfigurationArn; the service was not updated`);
    this.name = 'AutoScalingRevisionError';
  }
}

/** `…:autoscalingconfiguration/<name>/<revision>/<id>` → `<name>`. */
function configurationNameOf(arn: string): string | undefined {
  return /:autoscalingconfiguration\/([^/]+)\//.exec(arn)?.[1];
}

export const raiseApprunnerMaxSize = defineRemediation({
  id: ID,
  targetType: 'appRunner',
  params: object({ serviceArn: str(), autoScalingConfigurationName: str(), minSize: int(), maxConcurrency: int(), maxSize: int() }),

  async plan(ctx) {
    const serviceArn = appRunnerServiceArn(ctx.target, ctx);
    const base = { remediation: ID, resource: serviceArn } as const;
    const lookup = await describeRunningService(ctx, serviceArn);
    if (!lookup.ready) return { ...base, kind: 'no-op', before: lookup.before, reason: lookup.reason };
    const configArn = lookup.service.AutoScalingConfigurationSummary?.AutoScalingConfigurationArn;
    if (!configArn) {
      return { ...base, kind: 'no-op', before: lookup.before, reason: 'the service reports no auto-scaling configuration' };
    }
    // IAM grants revisions of the configured name only: any other would fail with AccessDenied.
    const configured = ctx.target.props.autoScalingConfiguration;
    if (configured === undefined) {
      return { ...base, kind: 'no-op', before: lookup.before, notApplicable: true, reason: `no autoScalingConfiguration is configured for ${ctx.target.props.name}: the responder may create revisions only of a configuration the configuration names` };
    }
    const current = configurationNameOf(configArn);
    if (current !== configured) {
      return { ...base, kind: 'no-op', before: lookup.before, reason: `the service uses the auto-scaling configuration ${current ?? configArn}, not the configured ${configured}: the responder may create revisions of ${configured} only` };
    }

    const { AutoScalingConfiguration: config } = await awsCall(ctx.calls, 'apprunner', 'DescribeAutoScalingConfiguration', () =>
      apprunnerClient().send(new DescribeAutoScalingConfigurationCommand({ AutoScalingConfigurationArn: configArn })),
      { mutating: false },
    );
    const name = config?.AutoScalingConfigurationName;
    const maxSize = config?.MaxSize;
    const minSize = config?.MinSize;
    const maxConcurrency = config?.MaxConcurrency;
    const before: State = {
      ...lookup.before,
      autoScalingConfigurationName: name ?? null,
      maxSize: maxSize ?? null,
      minSize: minSize ?? null,
      maxConcurrency: maxConcurrency ?? null,
    };
    if (name === undefined || maxSize === undefined || minSize === undefined || maxConcurrency === undefined) {
      return { ...base, kind: 'no-op', before, reason: `auto-scaling configuration ${configArn} is incomplete (name, sizes or concurrency missing)` };
    }
    const { maxAppRunnerMaxSize: cap, appRunnerMaxSizeStep: step } = ctx.target.caps;
    if (maxSize >= cap) {
      return { ...base, kind: 'no-op', before, notApplicable: true, reason: `auto-scaling MaxSize ${maxSize} is already at or above the cap of ${cap}` };
    }
    const newMaxSize = Math.min(maxSize + step, cap);
    return {
      ...base,
      kind: 'change',
      summary: `raise App Runner auto-scaling MaxSize of ${ctx.target.props.name} from ${maxSize} to ${newMaxSize} (cap ${cap}) with a new revision of ${name}`,
      before,
      after: { maxSize: newMaxSize },
      params: { serviceArn, autoScalingConfigurationName: name, minSize, maxConcurrency, maxSize: newMaxSize },
    };
  },

  async apply({ serviceArn, autoScalingConfigurationName: name, minSize, maxConcurrency, maxSize }, ctx) {
    // Configurations are immutable: a new revision of the same name carries the new MaxSize.
    // Not idempotent: each call adds a revision, and revisions count against a quota.
    const created = await awsCall(ctx.calls, 'apprunner', 'CreateAutoScalingConfiguration', () =>
      apprunnerClient().send(
        new CreateAutoScalingConfigurationCommand({
          AutoScalingConfigurationName: name,
          MaxConcurrency: maxConcurrency,
          MinSize: minSize,
          MaxSize: maxSize,
        }),
      ),
      { mutating: true, idempotent: false },
    );
    const newArn = created.AutoScalingConfiguration?.AutoScalingConfigurationArn;
    if (!newArn) throw new AutoScalingRevisionError(name);
    // Idempotent: pointing the service at the same revision again changes nothing.
    await awsCall(ctx.calls, 'apprunner', 'UpdateService', () =>
      apprunnerClient().send(new UpdateServiceCommand({ ServiceArn: serviceArn, AutoScalingConfigurationArn: newArn })),
      { mutating: true, idempotent: true },
    );
    return {
      after: { maxSize, autoScalingConfigurationArn: newArn },
      summary: `service now uses ${newArn} (MaxSize ${maxSize})`,
    };
  },

  /**
   * Points the service back at the auto-scaling configuration revision it used before the raise.
   * The revision the raise created stays (unused): deleting it is not needed to restore the service.
   */
  undo: {
    recorded: object({
      params: object({ serviceArn: str() }),
      before: object({ autoScalingConfigurationArn: str() }),
      // The new revision's ARN is only known once applied: it is in the applied result, not the plan.
      after: object({ autoScalingConfigurationArn: str() }),
    }),
    params: object({ serviceArn: str(), autoScalingConfigurationArn: str() }),

    async plan({ params: { serviceArn }, before: { autoScalingConfigurationArn: previousArn }, after: { autoScalingConfigurationArn: leftArn } }, action, ctx) {
      const lookup = await describeRunningService(ctx, serviceArn);
      const currentArn = lookup.before.autoScalingConfigurationArn;
      const what = `the auto-scaling configuration of ${serviceArn}`;
      if (currentArn === previousArn) return undoNoOp(action, lookup.before, alreadyRestored(what, previousArn));
      if (currentArn !== leftArn) return undoNoOp(action, lookup.before, movedOn(what, String(currentArn ?? 'none'), leftArn, previousArn));
      if (!lookup.ready) return undoNoOp(action, lookup.before, `${lookup.reason}: the service cannot be updated now, try again later`);

      // A revision deleted since cannot be pointed at again (UpdateService would fail).
      const { AutoScalingConfiguration: config } = await awsCall(ctx.calls, 'apprunner', 'DescribeAutoScalingConfiguration', () =>
        apprunnerClient().send(new DescribeAutoScalingConfigurationCommand({ AutoScalingConfigurationArn: previousArn })),
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

    async apply({ serviceArn, autoScalingConfigurationArn: configArn }, ctx) {
      // Idempotent: pointing the service at the same revision again changes nothing.
      const { Service: service } = await awsCall(ctx.calls, 'apprunner', 'UpdateService', () =>
        apprunnerClient().send(new UpdateServiceCommand({ ServiceArn: serviceArn, AutoScalingConfigurationArn: configArn })),
        { mutating: true, idempotent: true },
      );
      return {
        after: { autoScalingConfigurationArn: configArn, status: service?.Status ?? null },
        summary: `service now uses ${configArn} again (the update runs as an App Runner operation)`,
      };
    },
  },
});
