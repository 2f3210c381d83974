import type { RemediationId } from '../../lib/catalogue';
import type { ContextProbe } from '../core/context';
import type { AnyRemediation } from '../core/remediation';
import { remediations as appRunner } from './appRunner';
import { remediations as cloudFront } from './cloudFront';
import { contextProbe as dynamodbProbe, remediations as dynamodb } from './dynamodb';
import { contextProbe as ecsProbe, remediations as ecs } from './ecs';
import { remediations as elastiCache } from './elastiCache';
import { contextProbe as lambdaProbe, remediations as lambda } from './lambda';
import { remediations as rds } from './rds';
import { remediations as waf } from './waf';

/**
 * Every remediation of the catalogue, keyed by the union of ids, so one without an implementation
 * does not compile. For the CLI and the tests; deployed responders import only their family.
 */
export const REMEDIATION_REGISTRY: { readonly [R in RemediationId]: AnyRemediation } = {
  ...lambda,
  ...dynamodb,
  ...ecs,
  ...appRunner,
  ...rds,
  ...elastiCache,
  ...cloudFront,
  ...waf,
};

/** Every family's context reads (the CLI and the tests); a deployed responder holds only its family's. */
export const CONTEXT_PROBES: ContextProbe = { ...lambdaProbe, ...ecsProbe, ...dynamodbProbe };
