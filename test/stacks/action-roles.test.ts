import { REMEDIATIONS, REMEDIATION_IDS } from '../../lib/catalogue';
import { sessionPolicyFor, SessionPolicyError } from '../../lambdas/pipeline/session-policy';
import { ACCOUNT, PARTITION, configuredArns, renderValue } from '../helpers/configured-arns';
import { synthesize, DEFAULT_CONFIG_PATH, type SynthesizedApp } from '../helpers/synth';
import { readFileSync } from 'node:fs';
import { parseConfig } from '../../lib/config/load';

type Json = unknown;
const isRecord = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: Json): Json[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
interface Resource {
  readonly Type: string;
  readonly Properties?: Record<string, Json>;
}

/** Every action any remediation's apply calls: all an action role may hold. */
const APPLY_ACTIONS: ReadonlySet<string> = new Set<string>(REMEDIATION_IDS.flatMap((id) => [...REMEDIATIONS[id].applies]));

let synth: SynthesizedApp;
let json: unknown;
/** Approvers make the action roles: only a responder with proposals to approve has one. */
const APPROVER = 'arn:aws:iam::123456789012:role/OnCall';

beforeAll(() => {
  const config: unknown = JSON.parse(readFileSync(DEFAULT_CONFIG_PATH, 'utf8'));
  json = { ...(config as Record<string, unknown>), approvals: { approvers: [APPROVER] } };
  synth = synthesize(parseConfig(json, DEFAULT_CONFIG_PATH), { validateTemplates: false });
});

/** The resources of every system stack, by logical id (ids are unique within a stack). */
function stacks(): Array<Record<string, Resource>> {
  return [...synth.templates.values()].map((t) => (t.toJSON() as { Resources?: Record<string, Resource> }).Resources ?? {});
}

const prefix = () => synth.plan.config.prefix;
const isActionRole = (r: Resource) => r.Type === 'AWS::IAM::Role' && r.Properties?.Path === `/alert-responder/${prefix()}/actions/`;
const isResponderRole = (r: Resource) => r.Type === 'AWS::IAM::Role' && r.Properties?.Path === `/alert-responder/${prefix()}/responders/`;
const getAttArn = (v: Json): string | undefined => {
  const att = isRecord(v) ? v['Fn::GetAtt'] : undefined;
  return Array.isArray(att) && att[1] === 'Arn' && typeof att[0] === 'string' ? att[0] : undefined;
};

/** The (action, resource) pairs of the policies attached to a role, inline (AWS::IAM::Policy) or managed. */
function grantsOf(resources: Record<string, Resource>, roleId: string): Array<{ action: string; resource: Json }> {
  const attachedRefs = (r: Resource) => asArray(r.Properties?.Roles).some((ref) => isRecord(ref) && ref.Ref === roleId);
  const managedOfRole = asArray(resources[roleId]?.Properties?.ManagedPolicyArns).flatMap((ref) => (isRecord(ref) && typeof ref.Ref === 'string' ? [ref.Ref] : []));
  const documents = Object.entries(resources)
    .filter(([id, r]) => (r.Type === 'AWS::IAM::Policy' && attachedRefs(r)) || (r.Type === 'AWS::IAM::ManagedPolicy' && managedOfRole.includes(id)))
    .map(([, r]) => r.Properties?.PolicyDocument);
  return documents.flatMap((doc) =>
    asArray(isRecord(doc) ? doc.Statement : undefined).flatMap((s) => {
      if (!isRecord(s) || s.Effect !== 'Allow') return [];
      return asArray(s.Action).flatMap((a) => asArray(s.Resource).map((resource) => ({ action: String(a), resource })));
    }),
  );
}

describe('action roles (approved applies)', () => {
  test('each responder with remediations has one, trusted by its own role only, and only with a source identity', () => {
    let seen = 0;
    for (const resources of stacks()) {
      for (const [id, role] of Object.entries(resources).filter(([, r]) => isActionRole(r))) {
        seen += 1;
        const statements = asArray(isRecord(role.Properties?.AssumeRolePolicyDocument) ? role.Properties?.AssumeRolePolicyDocument.Statement : undefined);
        const actions = statements.flatMap((s) => (isRecord(s) ? asArray(s.Action) : [])).sort();
        expect({ id, actions }).toEqual({ id, actions: ['sts:AssumeRole', 'sts:SetSourceIdentity'] });
        for (const s of statements) {
          if (!isRecord(s) || !isRecord(s.Principal)) throw new Error(`${id}: a trust statement without a principal`);
          const trusted = getAttArn(s.Principal.AWS);
          expect(trusted && isResponderRole(resources[trusted] ?? { Type: '' })).toBe(true);
          expect(Object.keys(s.Principal)).toEqual(['AWS']);
          expect(s.Condition).toEqual({ Null: { 'sts:SourceIdentity': 'false' } });
        }
        // The responder that may assume it is the one whose environment names it.
        const trusted = statements.map((s) => (isRecord(s) && isRecord(s.Principal) ? getAttArn(s.Principal.AWS) : undefined));
        expect(new Set(trusted).size).toBe(1);
        const fn = Object.values(resources).find((r) => r.Type === 'AWS::Lambda::Function' && getAttArn(r.Properties?.Role) === trusted[0]);
        const env = isRecord(fn?.Properties?.Environment) && isRecord(fn?.Properties?.Environment.Variables) ? fn?.Properties?.Environment.Variables : {};
        expect(getAttArn(env.AR_ACTION_ROLE_ARN)).toBe(id);
      }
    }
    expect(seen).toBeGreaterThan(3);
  });

  test('an action role holds only apply actions, on ARNs the configuration names', () => {
    const allowed = configuredArns(json);
    const region = synth.plan.config.region;
    for (const resources of stacks()) {
      for (const [id] of Object.entries(resources).filter(([, r]) => isActionRole(r))) {
        const grants = grantsOf(resources, id);
        expect({ id, granted: grants.length > 0 }).toEqual({ id, granted: true });
        const offending = grants.filter((g) => !APPLY_ACTIONS.has(g.action) || !allowed.has(renderValue(g.resource, region))).map((g) => `${g.action} ${renderValue(g.resource, region)}`);
        expect({ id, offending }).toEqual({ id, offending: [] });
      }
    }
  });

  test('every session policy a responder can build is within its action role: the same ARN derivation on both sides', () => {
    const region = synth.plan.config.region;
    const settings = { partition: PARTITION, account: ACCOUNT, region };
    let checked = 0;
    for (const system of synth.plan.systems) {
      for (const responder of system.responders) {
        const found = stacks().flatMap((resources) =>
          Object.values(resources).flatMap((r) => {
            const env = r.Type === 'AWS::Lambda::Function' && isRecord(r.Properties?.Environment) ? r.Properties?.Environment.Variables : undefined;
            const role = isRecord(env) && env.AR_SYSTEM === system.id && env.AR_FAMILY === responder.family ? getAttArn(env.AR_ACTION_ROLE_ARN) : undefined;
            return role ? [{ resources, role }] : [];
          }),
        );
        const held = new Set(found.flatMap(({ resources, role }) => grantsOf(resources, role).map((g) => `${g.action} ${renderValue(g.resource, region)}`)));
        for (const [remediation, targets] of responder.grants) {
          for (const target of targets) {
            let policy;
            try {
              policy = sessionPolicyFor({ remediation }, target, settings);
            } catch (err) {
              // A target configured without what the remediation acts on (no alias, no IP set): its plan never changes anything.
              if (err instanceof SessionPolicyError) continue;
              throw err;
            }
            const missing = policy.Statement.flatMap((st) => st.Action.flatMap((a) => st.Resource.map((r) => `${a} ${r}`))).filter((pair) => !held.has(pair));
            expect({ responder: responder.id, remediation, target: target.key, missing }).toEqual({ responder: responder.id, remediation, target: target.key, missing: [] });
            checked += 1;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  test('no action role without approvers: nothing would assume it', () => {
    const plain = synthesize(parseConfig(JSON.parse(readFileSync(DEFAULT_CONFIG_PATH, 'utf8')), DEFAULT_CONFIG_PATH), { validateTemplates: false });
    const roles = [...plain.templates.values()].flatMap((t) => Object.values((t.toJSON() as { Resources?: Record<string, Resource> }).Resources ?? {}).filter(isActionRole));
    expect(roles).toEqual([]);
  });

  test("a responder's role may assume only its own action role", () => {
    for (const resources of stacks()) {
      for (const [id] of Object.entries(resources).filter(([, r]) => isResponderRole(r))) {
        const sts = grantsOf(resources, id).filter((g) => g.action.startsWith('sts:'));
        const targets = new Set(sts.map((g) => getAttArn(g.resource)));
        expect(targets.size).toBeLessThanOrEqual(1);
        for (const target of targets) expect(target !== undefined && isActionRole(resources[target] ?? { Type: '' })).toBe(true);
        expect(sts.map((g) => g.action).sort()).toEqual(sts.length === 0 ? [] : ['sts:AssumeRole', 'sts:SetSourceIdentity']);
      }
    }
  });
});
