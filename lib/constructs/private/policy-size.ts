import { Token, type Stack } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { TOKEN_SIZE_ALLOWANCE } from './responder-env';

/**
 * IAM's quotas ("IAM and AWS STS quotas"), in characters of the policy JSON without whitespace:
 * all inline policies of a role together, one customer managed policy, and managed policies
 * attached to a role (the default quota; it can be raised to 20, which this app does not assume).
 */
export const IAM_POLICY_LIMITS = { inlinePerRole: 10_240, managedPolicy: 6_144, managedPoliciesPerRole: 10 } as const;

/**
 * What CloudFormation resolves pseudo parameters to, at their longest: IAM counts the resolved
 * text, so `arn:${AWS::Partition}:...` costs `aws-us-gov`, not the reference. Any other token (a
 * Ref, GetAtt or import of a resource this app creates) is counted at TOKEN_SIZE_ALLOWANCE.
 */
const PSEUDO_PARAMETER_SIZES: Readonly<Record<string, number>> = {
  'AWS::Partition': 'aws-us-gov'.length,
  'AWS::AccountId': 12,
  'AWS::Region': 20,
  'AWS::URLSuffix': 'amazonaws.com.cn'.length,
};

/** CDK's own estimate of a statement (aws-iam's PolicyStatement._estimateSize): an action at 20, a token-bearing ARN at 150. */
const CDK_ACTION_ESTIMATE = 20;
const CDK_ARN_ESTIMATE_CONTEXT = '@aws-cdk/aws-iam.arnSizeEstimate';
const CDK_DEFAULT_ARN_ESTIMATE = 150;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function intrinsicSize(value: Record<string, unknown>): number | undefined {
  const keys = Object.keys(value);
  if (keys.length !== 1 || !(keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) return undefined;
  const ref = value.Ref;
  if (typeof ref === 'string' && PSEUDO_PARAMETER_SIZES[ref] !== undefined) return PSEUDO_PARAMETER_SIZES[ref];
  return TOKEN_SIZE_ALLOWANCE;
}

/**
 * A resolved CloudFormation value as IAM will see it after deployment: `Fn::Join` joined, each
 * other intrinsic replaced by placeholder text of its allowed size. JSON.stringify of the result
 * measures the policy the way IAM counts it.
 */
export function renderWithAllowances(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(renderWithAllowances);
  if (!isRecord(value)) return value;
  const join = value['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return (join[1] as unknown[]).map((part) => {
      const rendered = renderWithAllowances(part);
      return typeof rendered === 'string' ? rendered : JSON.stringify(rendered);
    }).join(join[0]);
  }
  const size = intrinsicSize(value);
  if (size !== undefined) return 'x'.repeat(size);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderWithAllowances(v)]));
}

/** Characters of `value` (a resolved CloudFormation JSON value) in IAM's count. */
export function renderedLength(value: unknown): number {
  return JSON.stringify(renderWithAllowances(value)).length;
}

/** `{"Version":"2012-10-17","Statement":[]}`: what a policy document costs before its statements. */
export const POLICY_DOCUMENT_OVERHEAD = JSON.stringify({ Version: '2012-10-17', Statement: [] }).length;

/** The two sizes of a statement or of what one resource adds to it: IAM's count, and CDK's estimate. */
export interface Size {
  readonly iam: number;
  readonly cdk: number;
}

/**
 * A statement measured so that any run of its resources can be sized without rendering again:
 * `base` is the statement with an empty Resource list, `each` what every resource adds.
 */
export interface MeasuredStatement {
  readonly statement: iam.PolicyStatement;
  readonly base: Size;
  readonly each: readonly Size[];
}

export function measureStatement(statement: iam.PolicyStatement, stack: Stack): MeasuredStatement {
  const arnEstimate = Number(stack.node.tryGetContext(CDK_ARN_ESTIMATE_CONTEXT) ?? CDK_DEFAULT_ARN_ESTIMATE);
  const json = stack.resolve(statement.toStatementJson()) as Record<string, unknown>;
  // Counted as an array even for one ARN (CDK then writes a plain string): 2 characters of slack.
  const base = renderedLength({ ...json, Resource: [] });
  const actions = statement.actions.reduce((n, a) => n + (Token.isUnresolved(a) ? CDK_ACTION_ESTIMATE : a.length) + 3, 0);
  const cdk = '"Effect": "Allow",'.length + 'Action'.length + 5 + actions + 'Resource'.length + 5 + JSON.stringify(statement.conditions ?? {}).length;
  return {
    statement,
    base: { iam: base, cdk },
    each: statement.resources.map((r) => ({ iam: renderedLength(stack.resolve(r)), cdk: (Token.isUnresolved(r) ? arnEstimate : r.length) + 3 })),
  };
}

/** The size of a statement holding the resources `from` to `to` (exclusive) of `m`, with a comma between resources. */
export function sizeOf(m: MeasuredStatement, from = 0, to = m.each.length): Size {
  let iamSize = m.base.iam + Math.max(to - from - 1, 0);
  let cdk = m.base.cdk;
  for (let i = from; i < to; i++) {
    iamSize += m.each[i].iam;
    cdk += m.each[i].cdk;
  }
  return { iam: iamSize, cdk };
}

/** IAM's count of a policy document of `statements`, with a comma between statements. */
export function documentSize(statements: readonly iam.PolicyStatement[], stack: Stack): number {
  const sizes = statements.map((s) => sizeOf(measureStatement(s, stack)).iam);
  return POLICY_DOCUMENT_OVERHEAD + sizes.reduce((a, b) => a + b, 0) + Math.max(sizes.length - 1, 0);
}
