import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { wildcardReason } from './responder-arns';

type Cfn = { readonly [key: string]: unknown };
const isObject = (v: unknown): v is Cfn => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Renders a resolved CloudFormation value the way cdk-nag names its findings
 * (`Fn::Join` joined, `Ref` as `<Name>`, `Fn::GetAtt` as `<Name.Attr>`), so an acknowledgment
 * names exactly the finding it answers.
 */
export function flattenForNag(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (isObject(value)) {
    const join = value['Fn::Join'];
    if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
      return (join[1] as unknown[]).map(flattenForNag).join(join[0]);
    }
    if (value['Fn::Sub'] !== undefined) return flattenForNag(value['Fn::Sub']);
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return `<${flattenForNag(getAtt[0])}.${flattenForNag(getAtt[1])}>`;
    if (value['Fn::ImportValue'] !== undefined) return flattenForNag(value['Fn::ImportValue']);
    if (value.Ref !== undefined) return `<${flattenForNag(value.Ref)}>`;
  }
  return JSON.stringify(value);
}

/** Why each kind of wildcard resource a responder holds cannot be narrower. */
function wildcardReasonOf(resource: string, unscopedActions: readonly string[]): string {
  if (resource === '*') {
    return (
      `Reads that support no resource-level permissions: ${unscopedActions.join(', ')}; ` +
      'and xray:PutTraceSegments/PutTelemetryRecords for active tracing, which have no resource type. Nothing else that changes anything is granted on "*" (synth refuses it).'
    );
  }
  // The ARN table states why each resource type's ARNs hold a wildcard.
  const reason = wildcardReason(resource);
  if (reason !== undefined) return reason;
  throw new Error(`Responder policy holds the wildcard resource ${resource}, which has no stated reason; narrow it or state why in responder-arns.ts.`);
}

/**
 * Acknowledges each wildcard resource of the given statements (AwsSolutions-IAM5 findings) on
 * `scope`, with the reason it cannot be narrower. Throws for an unexplained wildcard.
 */
export function acknowledgeWildcardResources(scope: IConstruct, resources: readonly string[], unscopedActions: readonly string[]): void {
  const stack = Stack.of(scope);
  const seen = new Set<string>();
  for (const resource of resources) {
    const flat = flattenForNag(stack.resolve(resource));
    if (!flat.includes('*') || seen.has(flat)) continue;
    seen.add(flat);
    Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Resource::${flat}]`, reason: wildcardReasonOf(flat, unscopedActions) });
  }
}
