import type { Stack } from 'aws-cdk-lib';

/**
 * The IAM paths of the roles that may write the audit trail. The core stack's key policy and
 * queue policy cannot name the roles themselves (they are made later, in the system stacks, with
 * generated names), so they name the path: `aws:PrincipalArn` is the role's ARN with its path
 * (`arn:aws:iam::ACCOUNT:role/PATH/NAME`, the form SCPs use for `aws-reserved/sso.amazonaws.com/`
 * roles). Whoever may create roles under these paths could pass these conditions: SECURITY.md
 * and the README tell operators to restrict `iam:CreateRole` on them.
 */
export function responderRolePath(prefix: string): string {
  return `/alert-responder/${prefix}/responders/`;
}

/**
 * The responders' action roles, which approved applies assume with a session policy for one plan:
 * beside the responders' path, not under it, so that the key and queue policies that admit the
 * responders' path (signing records, sending re-checks) do not admit them.
 */
export function actionRolePath(prefix: string): string {
  return `/alert-responder/${prefix}/actions/`;
}

export function verifierRolePath(prefix: string): string {
  return `/alert-responder/${prefix}/verifier/`;
}

/** `arn:<partition>:iam::<account>:role<path>*`: every role under `path`, for ArnLike conditions. */
export function rolesUnder(stack: Stack, path: string): string {
  return `arn:${stack.partition}:iam::${stack.account}:role${path}*`;
}
