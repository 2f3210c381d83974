import { Lazy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { PlannedResponder } from '../../deployment';
import { acknowledgeCompliance, OWN_INLINE_POLICY } from './compliance-nag';
import { actionRolePolicy, type ResponderPolicy } from './responder-iam';
import { acknowledgeWildcardResources } from './responder-nag';
import { grantWithinIamLimits } from './responder-policies';
import { actionRolePath } from './role-paths';

/**
 * What the responder must do to assume its action role: AssumeRole, and set the record id as the
 * session's source identity, which the trust policy requires ("You can require users to specify a
 * source identity when they assume a role ... by using the sts:SourceIdentity condition key in a
 * role trust policy": AssumeRole response, SourceIdentity, in the SDK references).
 */
export const ASSUME_ACTIONS = ['sts:AssumeRole', 'sts:SetSourceIdentity'] as const;

export interface ActionRoleProps {
  readonly prefix: string;
  readonly responder: PlannedResponder;
  /** Where the configuration's resources are. */
  readonly region: string;
}

interface ActionRoleInit extends ActionRoleProps {
  readonly policy: ResponderPolicy;
}

/**
 * A responder's action role: the actions its remediations' applies call, on the same ARNs as the
 * responder, trusted by that responder's execution role only and only with a source identity set.
 * An approved apply assumes it with a session policy for one plan (lambdas/pipeline/scoped-apply.ts).
 * Made before the function (whose environment names it); `trust` then names the execution role.
 */
export class ActionRole extends Construct {
  /**
   * The responder's action role, or none where its targets grant no apply action (no remediation,
   * or none configured to act: a log group without a WAF IP set): such a responder never applies.
   */
  static forResponder(scope: Construct, id: string, props: ActionRoleProps): ActionRole | undefined {
    const policy = actionRolePolicy(props.responder, Stack.of(scope), props.region);
    return policy.statements.length === 0 ? undefined : new ActionRole(scope, id, { ...props, policy });
  }

  readonly role: iam.Role;
  private execution?: iam.IRole;

  private constructor(scope: Construct, id: string, props: ActionRoleInit) {
    super(scope, id);
    const { responder, policy } = props;
    const executionArn = Lazy.string({
      produce: () => {
        if (!this.execution) throw new Error(`The action role of ${responder.system} ${responder.family} was never given the responder's role (ActionRole.trust).`);
        return this.execution.roleArn;
      },
    });
    // Requires a source identity: every session of this role names the record it acts for.
    const principal = new iam.ArnPrincipal(executionArn).withConditions({ Null: { 'sts:SourceIdentity': 'false' } });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: principal,
      path: actionRolePath(props.prefix),
      description: `Alert responder ${responder.system} ${responder.family}: approved applies, each in a session limited to its plan`,
    });
    this.role.assumeRolePolicy?.addStatements(new iam.PolicyStatement({ actions: ['sts:SetSourceIdentity'], principals: [principal] }));

    grantWithinIamLimits(this.role, policy.statements, {
      label: `Alert responder ${responder.system} ${responder.family}: approved applies`,
      whose: `System "${responder.system}": the ${responder.family} action role's permissions on its ${responder.targets.length} targets`,
      remedy: 'Split the system into smaller systems in the configuration, so each responder acts on fewer targets.',
    });
    acknowledgeWildcardResources(this.role, policy.statements.flatMap((s) => s.resources), policy.unscopedActions);
    acknowledgeCompliance(this.role, 'IAMNoInlinePolicy', OWN_INLINE_POLICY);
  }

  /** Lets `execution` (the responder's role) assume this role with a source identity, and nothing else. */
  trust(execution: iam.Role): void {
    this.execution = execution;
    execution.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [...ASSUME_ACTIONS], resources: [this.role.roleArn] }));
  }
}
