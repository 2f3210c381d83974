import { contextReads } from '../context';
import type { ContextProbe } from '../core/context';
import type { RemediationSet } from './act';
import { createHandler } from './handler';
import { scopedApplyOf } from './scoped-session';

/**
 * The handler of a responder that acts: it looks around its targets before acting (deployments,
 * recent changes, ownership), through its family's `contextProbe`. The escalation responder,
 * which acts on nothing, uses createHandler alone and bundles none of the context clients, nor
 * STS (an approved apply assumes the action role: scopedApplyOf).
 */
export function createActingHandler(remediations: RemediationSet, contextProbe: ContextProbe = {}) {
  return createHandler(remediations, { contextProbe, contextReads, scopedApplyOf });
}
