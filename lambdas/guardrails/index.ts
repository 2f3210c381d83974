import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { KillSwitchReading } from '../core/mode';
import type { ResponderSettings } from '../runtime/settings';
import { appliedItems, type AppliedItems } from './applied-items';
import { circuitBreakerGuard } from './circuit-breaker';
import { claims, type Claims } from './claims';
import { allGuards, parallelGuards, type Guard } from './guard';
import { historyStore } from './history';
import { ladderGuard } from './ladder-guard';
import { readKillSwitch } from './kill-switch';
import { loopProtectionGuard } from './loop-protection-guard';
import { proposals, type Proposals } from './proposals';
import { resourceAdmissionGuard } from './resource-admission';
import { stateTable } from './state-table';

export { appliedItems, UNDO_WINDOW_DAYS, type AppliedItems, type AppliedOn, type AppliedRecord } from './applied-items';
export { circuitBreakerGuard } from './circuit-breaker';
export { claims, CLAIM_EXPIRY_SECONDS, type Claim, type Claims, type StoredOutcome, type TransitionKey } from './claims';
export { allGuards, parallelGuards, type ActingOn, type Admission, type Guard, type GuardInput, type GuardRun, type RunLadder } from './guard';
export { historyStore, type HistoryKey, type HistoryStore, type RemediationHistory } from './history';
export { decideLevel, type LevelDecision } from './ladder';
export { ladderGuard } from './ladder-guard';
export { loopProtectionGuard, ownResource } from './loop-protection-guard';
export { readKillSwitch, MODE_CACHE_SECONDS } from './kill-switch';
export { readIntent, resourceAdmissionGuard, MIN_INTERRUPTED_HOLD_MINUTES, type Intent } from './resource-admission';
export { stateKeys, stateTable, type StateTable } from './state-table';
export { proposals, proposalKey, PROPOSAL_KEPT_DAYS, type Proposals, type StoredProposal } from './proposals';

/** What the guardrails need of the settings; `stateTable` comes from AR_STATE_TABLE. */
export type GuardrailSettings = Pick<ResponderSettings, 'system' | 'family' | 'modeParameter'> & { readonly stateTable: string };

export interface GuardrailDeps {
  /** @default the shared client of lambdas/runtime/clients/dynamodb.ts */
  readonly dynamodb?: DynamoDBClient;
}

/**
 * The guards between plan and apply, cheap checks first: loop protection, then the autonomy
 * ladder (its histories read while planning), then in one round trip, at once, the resource (lock, cooldown and the
 * run's intent, one conditional write) and the circuit breaker (its window read while planning).
 * A refusal by one releases what the other took.
 */
export function stateGuards(settings: Pick<GuardrailSettings, 'stateTable'>, deps: GuardrailDeps = {}): Guard {
  const table = stateTable(settings.stateTable, deps.dynamodb);
  return allGuards([loopProtectionGuard(table.tableName), ladderGuard(historyStore(table)), parallelGuards([resourceAdmissionGuard(table), circuitBreakerGuard(table)])]);
}

/**
 * The guards of an approved plan: a person decided in place of the policy guards (guarded
 * actions, autonomy), so those are left out; everything that bounds an apply still holds: loop
 * protection, then at once the resource (lock, cooldown) and the circuit breaker. The kill switch
 * is checked before, caps by the fresh plan itself.
 */
export function approvedGuards(settings: Pick<GuardrailSettings, 'stateTable'>, deps: GuardrailDeps = {}): Guard {
  const table = stateTable(settings.stateTable, deps.dynamodb);
  return allGuards([loopProtectionGuard(table.tableName), parallelGuards([resourceAdmissionGuard(table), circuitBreakerGuard(table)])]);
}

/** The responder's use of the state table and the kill switch, built once per container (no per-call state). */
export interface Guardrails {
  /** The kill switch, read through a cache of at most a minute; lambdas/pipeline/mode.ts decides what it means. */
  readKillSwitch(): Promise<KillSwitchReading>;
  readonly guard: Guard;
  readonly claims: Claims;
  readonly applied: AppliedItems;
  /** Plans waiting for approval. */
  readonly proposals: Proposals;
  /** The guards of an approved plan (approvedGuards). */
  readonly approvedGuard: Guard;
}

export function createGuardrails(settings: GuardrailSettings, deps: GuardrailDeps = {}): Guardrails {
  const table = stateTable(settings.stateTable, deps.dynamodb);
  return {
    readKillSwitch: () => readKillSwitch(settings.modeParameter),
    // The same client: the one given, or the shared one on first use (reading table.client here would make it now).
    guard: stateGuards(settings, deps),
    claims: claims(table),
    applied: appliedItems(table),
    proposals: proposals(table),
    approvedGuard: approvedGuards(settings, deps),
  };
}
