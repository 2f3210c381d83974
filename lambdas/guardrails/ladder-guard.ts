import { describeError } from '../runtime/aws-call';
import { admitted, type ActingOn, type Admission, type Guard, type GuardInput, type RunLadder } from './guard';
import { brief, historyId, type HistoryKey, type HistoryStore, type RemediationHistory } from './history';
import { decideLevel, type LevelDecision } from './ladder';

const SUMMARY_CHARS = 200;

const keyOf = (a: ActingOn): HistoryKey => ({ system: a.resource.system, resourceKey: a.resource.key, remediation: a.remediation });

/**
 * The autonomy ladder as a guard (it replaces the guarded-action and autonomy guards): a plan
 * below `auto` is refused with the code of its level (`observe`, `propose`), and people told.
 * With a history store, a run's ladder reads the history of every pair it may act on in one
 * batch as planning starts (overlapping the plans' own calls), so the recurrence brake and the
 * fix score cost no round trip of their own; an admitted apply that changed something is added
 * to the history by `done`, with the run's other last writes. An undo (no severity: a person
 * asked) is held back only at `observe`: asking for it is the approval, and no brake holds it.
 */
export function ladderGuard(store?: HistoryStore): Guard {
  function ladder(acting: readonly ActingOn[]): RunLadder {
    const reading: Promise<ReadonlyMap<string, RemediationHistory>> | undefined = store && acting.length > 0 ? store.read(acting.map(keyOf)) : undefined;
    // Read now, awaited by the first level asked; a failure is the level's to report.
    reading?.catch(() => undefined);
    return {
      async level(input) {
        if (!store || !reading) return decideLevel(input);
        const key = keyOf({ remediation: input.plan.remediation, resource: input.resource });
        const id = historyId(key);
        let history: RemediationHistory | undefined;
        try {
          // A pair the run did not announce (none, in act.ts) is read on its own.
          history = (await reading).get(id) ?? (await store.read([key])).get(id);
        } catch (err) {
          // Observe needs no history; otherwise the brake and the score cannot be told: fail closed, as the other guards do.
          const without = decideLevel(input);
          if (without.level === 'observe') return without;
          const why = `state table unavailable: could not read the history of ${input.plan.remediation} on ${input.resource.key} (${describeError(err)}); not acting`;
          return { level: 'propose', why, unavailable: true };
        }
        return decideLevel({ ...input, history });
      },
    };
  }

  const record = (input: GuardInput, decision: LevelDecision) => async (changed: boolean) => {
    if (!changed || !store) return;
    const { plan, resource, run, now } = input;
    const entry = {
      at: now.toISOString(),
      recordId: run.recordId,
      summary: plan.summary.slice(0, SUMMARY_CHARS),
      before: brief(plan.before),
      after: brief(plan.after),
      ...(decision.approvedBy !== undefined ? { approvedBy: decision.approvedBy } : {}),
    };
    try {
      await store.recordApply({ system: resource.system, resourceKey: resource.key, remediation: plan.remediation }, entry, decision.history);
    } catch (err) {
      throw new Error(`could not add the apply to the history of ${plan.remediation} on ${resource.key}: ${describeError(err)}`);
    }
  };

  return {
    ladder,
    async admit(input): Promise<Admission> {
      if (input.severity === undefined) {
        const decision = input.level ?? decideLevel(input);
        // An approved plan is kept in the history with who approved it (promotion counts it); an undo is not.
        if (decision.level !== 'observe') return decision.approvedBy !== undefined ? { ok: true, done: record(input, decision) } : admitted;
        return { ok: false, code: 'observe', escalate: true, reason: `observe: ${decision.why}` };
      }
      const decision = input.level ?? (await ladder([{ remediation: input.plan.remediation, resource: input.resource }]).level(input));
      if (decision.level !== 'auto') return { ok: false, code: decision.level, escalate: true, reason: `${decision.level}: ${decision.why}` };
      return { ok: true, done: record(input, decision) };
    },
  };
}
