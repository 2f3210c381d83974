import type { RemediationId } from '../../lib/catalogue';
import { remediations as appRunner } from '../responders/appRunner';
import { remediations as cloudFront } from '../responders/cloudFront';
import { remediations as dynamodb } from '../responders/dynamodb';
import { remediations as ecs } from '../responders/ecs';
import { remediations as elastiCache } from '../responders/elastiCache';
import { remediations as lambda } from '../responders/lambda';
import { remediations as rds } from '../responders/rds';
import { remediations as waf } from '../responders/waf';
import type { AnyRemediation } from '../core/remediation';

/**
 * Every remediation of the catalogue but escalation (which every responder does): keyed by the
 * union of ids, so one without an implementation does not compile. For the CLI and the tests;
 * deployed responders import only their family.
 */
export const REMEDIATION_REGISTRY: { readonly [R in Exclude<RemediationId, 'escalate'>]: AnyRemediation } = {
  ...lambda,
  ...dynamodb,
  ...ecs,
  ...appRunner,
  ...rds,
  ...elastiCache,
  ...cloudFront,
  ...waf,
};
