import type { Template } from 'aws-cdk-lib/assertions';

/** IAM's quotas, written out here rather than imported: the tests check the app against IAM, not against itself. */
export const IAM_LIMITS = { inlinePerRole: 10_240, managedPolicy: 6_144, managedPoliciesPerRole: 10 } as const;
/** A token CloudFormation resolves at deploy (a resource's ARN, an import): counted generously. */
const TOKEN_ALLOWANCE = 256;
/** Pseudo parameters at their longest: `arn:${AWS::Partition}:...` costs at most `aws-us-gov`. */
const PSEUDO: Readonly<Record<string, string>> = {
  'AWS::Partition': 'aws-us-gov',
  'AWS::AccountId': '123456789012',
  'AWS::Region': 'ap-southeast-7-long',
  'AWS::URLSuffix': 'amazonaws.com.cn',
};

type Json = unknown;
const isRecord = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: Json): Json[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** A template value as IAM sees it after deployment: joins joined, pseudo parameters at their longest, any other reference at the allowance. */
function deployed(value: Json): Json {
  if (Array.isArray(value)) return value.map(deployed);
  if (!isRecord(value)) return value;
  const join = value['Fn::Join'];
  if (Array.isArray(join)) return (join[1] as Json[]).map((p) => String(deployed(p))).join(String(join[0]));
  if (typeof value.Ref === 'string' && PSEUDO[value.Ref] !== undefined) return PSEUDO[value.Ref];
  if (value.Ref !== undefined || Object.keys(value).some((k) => k.startsWith('Fn::'))) return 'x'.repeat(TOKEN_ALLOWANCE);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deployed(v)]));
}

/** A policy document's size the way IAM counts it: its JSON without whitespace. */
export function policySize(document: Json): number {
  return JSON.stringify(deployed(document)).length;
}

export interface RolePolicies {
  readonly roleId: string;
  /** The documents of the role's inline policies (its own `Policies` and AWS::IAM::Policy resources). */
  readonly inline: Json[];
  /** Documents of the customer managed policies of this template attached to the role. */
  readonly managed: Array<{ readonly id: string; readonly document: Json }>;
  /** Managed policies attached in all, including ones defined elsewhere (AWS managed). */
  readonly attachedManaged: number;
}

const refersTo = (v: Json, id: string) => isRecord(v) && v.Ref === id;

/** Every role of a template with the policies that apply to it. */
export function rolePolicies(template: Template): RolePolicies[] {
  const resources = (template.toJSON().Resources ?? {}) as Record<string, { Type: string; Properties?: Record<string, Json> }>;
  const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
  return ofType('AWS::IAM::Role').map(([roleId, role]) => {
    const props = role.Properties ?? {};
    const arns = asArray(props.ManagedPolicyArns);
    const inline = [
      ...asArray(props.Policies).map((p) => (isRecord(p) ? p.PolicyDocument : undefined)),
      ...ofType('AWS::IAM::Policy').filter(([, p]) => asArray(p.Properties?.Roles).some((r) => refersTo(r, roleId))).map(([, p]) => p.Properties?.PolicyDocument),
    ];
    const managed = ofType('AWS::IAM::ManagedPolicy')
      .filter(([id, p]) => arns.some((a) => refersTo(a, id)) || asArray(p.Properties?.Roles).some((r) => refersTo(r, roleId)))
      .map(([id, p]) => ({ id, document: p.Properties?.PolicyDocument }));
    const byRolesOnly = managed.filter((m) => !arns.some((a) => refersTo(a, m.id))).length;
    return { roleId, inline, managed, attachedManaged: arns.length + byRolesOnly };
  });
}

/** What is over IAM's limits, one line per problem: empty when every role of the template fits. */
export function iamLimitProblems(template: Template): string[] {
  return rolePolicies(template).flatMap((r) => {
    const problems: string[] = [];
    const inline = r.inline.reduce<number>((n, d) => n + policySize(d), 0);
    if (inline > IAM_LIMITS.inlinePerRole) problems.push(`${r.roleId}: inline policies of ${inline} characters`);
    for (const m of r.managed) {
      const size = policySize(m.document);
      if (size > IAM_LIMITS.managedPolicy) problems.push(`${r.roleId}: managed policy ${m.id} of ${size} characters`);
    }
    if (r.attachedManaged > IAM_LIMITS.managedPoliciesPerRole) problems.push(`${r.roleId}: ${r.attachedManaged} managed policies`);
    return problems;
  });
}

/** The largest inline total and the largest managed policy of any role of the templates. */
export function largestPolicies(templates: Iterable<Template>): { inline: number; managed: number } {
  let inline = 0;
  let managed = 0;
  for (const t of templates) {
    for (const r of rolePolicies(t)) {
      inline = Math.max(inline, r.inline.reduce<number>((n, d) => n + policySize(d), 0));
      for (const m of r.managed) managed = Math.max(managed, policySize(m.document));
    }
  }
  return { inline, managed };
}
