import { TEMPLATE_PROPERTIES, type RemediationId, type Target } from '../../lib/catalogue';
import type { DriftNote } from '../core/context';
import type { Owner } from './ownership';

/**
 * What a fix on a CloudFormation-managed target means for the template: the properties it
 * changes drift from it ("Detect unmanaged configuration changes to stacks and resources with
 * drift detection", CloudFormation User Guide), and a deployment of the stack that updates the
 * resource sets them back to the template's values; a drift-aware change set does so even when
 * the template did not change ("Using drift-aware change sets": "whether a deployment will revert
 * critical out-of-band changes made during incident response"). So the fix lasts only until the
 * template says the same. Undefined where the remediation changes no template property.
 */
export function driftNote(resource: Target, owner: Owner, remediation: RemediationId): DriftNote | undefined {
  const template = TEMPLATE_PROPERTIES[remediation];
  if (template === null) return undefined;
  const where = template.on === 'alias' ? `the ${template.resourceType} of ${owner.logicalId}` : `${template.resourceType} ${owner.logicalId}`;
  const properties = template.properties.join(', ');
  return {
    resource: resource.key,
    stack: owner.stack,
    logicalId: owner.logicalId,
    resourceType: template.resourceType,
    properties: template.properties,
    text:
      `${resource.key} belongs to CloudFormation stack ${owner.stack} (${where}). ${remediation} changes ${properties} outside the template: ` +
      `the next deployment of ${owner.stack} that updates ${owner.logicalId} sets it back to the template's value unless the template changes. ` +
      `To make the fix permanent, set ${properties} in the template of ${owner.stack}.`,
  };
}
