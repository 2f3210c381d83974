import {
  CreateAutoScalingConfigurationCommand,
  DescribeAutoScalingConfigurationCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-apprunner';
import { awsCall } from '../../runtime/aws-call';
import { apprunnerClient } from '../../runtime/clients/apprunner';
import { appRunnerServiceArn } from './apprunner-arn';
import { describeRunningService } from './apprunner-service';
import { countParam, stringParam } from '../common/plan-params';
import { undoRaiseApprunnerMaxSize } from './raise-apprunner-max-size-undo';
import type { Plan, Remediation, State } from '../../core/remediation';

/** CreateAutoScalingConfiguration answered without an ARN: UpdateService would have nothing to point at. */
export class AutoScalingRevisionError extends Error {
  constructor(name: string) {
    super(`CreateAutoScalingConfiguration for ${name} returned no AutoScalingConfigurationArn; the service was not updated`);
    this.name = 'AutoScalingRevisionError';
  }
}

export const raiseApprunnerMaxSize: Remediation<'appRunner'> = {
  id: 'raise-apprunner-max-size',
  targetType: 'appRunner',
  undo: undoRaiseApprunnerMaxSize,

  async plan(ctx): Promise<Plan> {
    const serviceArn = appRunnerServiceArn(ctx.target, ctx);
    const base = { remediation: 'raise-apprunner-max-size', resource: serviceArn } as const;
    const lookup = await describeRunningService(ctx, serviceArn);
    if (!lookup.ready) return { ...base, kind: 'no-op', before: lookup.before, reason: lookup.reason };
    const configArn = lookup.service.AutoScalingConfigurationSummary?.AutoScalingConfigurationArn;
    if (!configArn) {
      return { ...base, kind: 'no-op', before: lookup.before, reason: 'the service reports no auto-scaling configuration' };
    }

    const { AutoScalingConfiguration: config } = await awsCall(ctx.calls, 'apprunner', 'DescribeAutoScalingConfiguration', () =>
      apprunnerClient.send(new DescribeAutoScalingConfigurationCommand({ AutoScalingConfigurationArn: configArn })),
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

  async apply(plan, ctx) {
    const serviceArn = stringParam(plan, 'serviceArn');
    const name = stringParam(plan, 'autoScalingConfigurationName');
    const maxSize = countParam(plan, 'maxSize');
    // Configurations are immutable: a new revision of the same name carries the new MaxSize.
    // Not idempotent: each call adds a revision, and revisions count against a quota.
    const created = await awsCall(ctx.calls, 'apprunner', 'CreateAutoScalingConfiguration', () =>
      apprunnerClient.send(
        new CreateAutoScalingConfigurationCommand({
          AutoScalingConfigurationName: name,
          MaxConcurrency: countParam(plan, 'maxConcurrency'),
          MinSize: countParam(plan, 'minSize'),
          MaxSize: maxSize,
        }),
      ),
      { mutating: true, idempotent: false },
    );
    const newArn = created.AutoScalingConfiguration?.AutoScalingConfigurationArn;
    if (!newArn) throw new AutoScalingRevisionError(name);
    // Idempotent: pointing the service at the same revision again changes nothing.
    await awsCall(ctx.calls, 'apprunner', 'UpdateService', () =>
      apprunnerClient.send(new UpdateServiceCommand({ ServiceArn: serviceArn, AutoScalingConfigurationArn: newArn })),
      { mutating: true, idempotent: true },
    );
    return {
      after: { maxSize, autoScalingConfigurationArn: newArn },
      summary: `service now uses ${newArn} (MaxSize ${maxSize})`,
    };
  },
};
