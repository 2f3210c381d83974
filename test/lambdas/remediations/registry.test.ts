import { REMEDIATIONS, REMEDIATION_IDS } from '../../../lib/catalogue';
import { REMEDIATION_REGISTRY } from '../../../lambdas/remediations/registry';

describe('the registry of remediations', () => {
  it.each(REMEDIATION_IDS)('%s: registered under its own id, for the target type the catalogue says', (id) => {
    const remediation = REMEDIATION_REGISTRY[id];
    expect(remediation.id).toBe(id);
    expect(remediation.targetType).toBe(REMEDIATIONS[id].acts);
  });

  it.each(REMEDIATION_IDS)('%s: has an undo exactly when the catalogue says it is reversible', (id) => {
    expect(REMEDIATION_REGISTRY[id].undo !== undefined).toBe(REMEDIATIONS[id].reversible);
  });

  it('holds every remediation of the catalogue and nothing else', () => {
    expect(Object.keys(REMEDIATION_REGISTRY).sort()).toEqual([...REMEDIATION_IDS].sort());
  });
});
