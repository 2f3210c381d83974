import { RESOURCE_TYPES } from '../../lib/catalogue';
import { ACCEPTED_RESOURCE_TYPES, assertCatalogueIam, catalogueProblems, referenceProblems } from '../../lib/catalogue/iam-reference';

describe('the catalogue\'s IAM resource types', () => {
  it('declare every action on a resource type the Service Authorization Reference says it acts on', () => {
    expect(catalogueProblems()).toEqual([]);
  });

  it('fails a wrong resource type: ecs:StopTask acts on tasks, not on the service', () => {
    expect(referenceProblems('stop-task', [{ actions: ['ecs:StopTask'], on: 'ecs:service' }])).toEqual([
      'stop-task: ecs:StopTask is declared on ecs:service, but the reference says it acts on task',
      'stop-task: ecs:StopTask requires ecs:task, which is not declared',
    ]);
    expect(referenceProblems('stop-task', [{ actions: ['ecs:StopTask'], on: 'ecs:task' }])).toEqual([]);
  });

  it('fails "*" for an action AWS can scope, a type of another service, and an action it does not know', () => {
    expect(referenceProblems('r', [{ actions: ['logs:FilterLogEvents'], on: '*' }])).toEqual([
      'r: logs:FilterLogEvents is declared on "*", but AWS scopes it to log-group: declare the resource type',
      'r: logs:FilterLogEvents requires logs:log-group, which is not declared',
    ]);
    expect(referenceProblems('r', [{ actions: ['rds:RebootDBInstance'], on: 'elasticache:cluster' }])[0]).toBe(
      'r: rds:RebootDBInstance is declared on elasticache:cluster, a resource type of another service',
    );
    expect(referenceProblems('r', [{ actions: ['ecs:DeleteService'], on: 'ecs:service' }])[0]).toMatch(/ecs:DeleteService is not in the reference table/);
  });

  it('stops synth with every problem named, and lets a sound catalogue through', () => {
    const wrong = referenceProblems('stop-task', [{ actions: ['ecs:StopTask'], on: 'ecs:service' }]);
    expect(() => assertCatalogueIam(wrong)).toThrow(
      /contradict the Service Authorization Reference:\n- stop-task: ecs:StopTask is declared on ecs:service, but the reference says it acts on task\n- stop-task: ecs:StopTask requires ecs:task/,
    );
    expect(() => assertCatalogueIam([])).not.toThrow();
    expect(() => assertCatalogueIam()).not.toThrow();
  });

  it('accepts an optional resource type where the reference lists it (provisioned concurrency on an alias)', () => {
    expect(referenceProblems('r', [{ actions: ['lambda:PutProvisionedConcurrencyConfig'], on: 'lambda:function alias' }])).toEqual([]);
  });

  it('lists only resource types the reference defines for their service', () => {
    const accepted = new Set(Object.entries(ACCEPTED_RESOURCE_TYPES).flatMap(([action, types]) => types.map((t) => `${action.split(':')[0]}:${t.replace(/\*$/, '')}`)));
    for (const type of RESOURCE_TYPES) expect(accepted).toContain(type);
  });
});
