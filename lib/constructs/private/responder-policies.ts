import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { ResponderFamily } from '../../catalogue';
import { IAM_POLICY_LIMITS, POLICY_DOCUMENT_OVERHEAD, measureStatement, sizeOf, type MeasuredStatement, type Size } from './policy-size';

/** How full this app lets each policy get, in IAM's count (see policy-size.ts) unless said otherwise. */
export const POLICY_BUDGETS = {
  /**
   * The role's inline policy: IAM's 10,240 less what ResponderFunction adds to the same policy
   * (its own log group, X-Ray, its dead-letter queue, the encryption key): about 1,100.
   */
  inline: 9_000,
  /**
   * CDK's estimate of the same inline policy: at 10,000 CDK moves statements into managed
   * policies of its own ("OverflowPolicy"), which it neither counts against the quota of 10 nor
   * keeps under 6,144 (it never splits a statement). Staying under it keeps CDK from doing so.
   */
  inlineCdkEstimate: 9_000,
  /** One customer managed policy: a margin under IAM's 6,144, as inline, because token allowances are estimates. */
  managed: 5_500,
} as const;

export interface PolicyLayout {
  /** Statements for the role's inline (default) policy. */
  readonly inline: readonly iam.PolicyStatement[];
  /** Statements of each customer managed policy to attach to the role. */
  readonly managed: ReadonlyArray<readonly iam.PolicyStatement[]>;
}

/** A run of one statement's resources. */
interface Piece {
  readonly m: MeasuredStatement;
  readonly order: number;
  readonly from: number;
  readonly to: number;
  readonly size: Size;
}

interface Bin {
  readonly pieces: Piece[];
  iam: number;
  cdk: number;
}

/** Splits a statement's resources into runs that each fit `capacity` (IAM's count) on their own. */
function split(m: MeasuredStatement, order: number, capacity: number): Piece[] {
  if (m.each.length === 0) return [{ m, order, from: 0, to: 0, size: sizeOf(m) }];
  const pieces: Piece[] = [];
  for (let from = 0; from < m.each.length; ) {
    let to = from + 1;
    let size = sizeOf(m, from, to);
    if (size.iam > capacity) throw new Error(`A statement of ${m.statement.actions.join(', ')} on one resource exceeds a managed policy (${size.iam} characters).`);
    // Grown one resource (and its comma) at a time: re-measuring each run would be quadratic.
    for (; to < m.each.length && size.iam + 1 + m.each[to].iam <= capacity; to++) {
      size = { iam: size.iam + 1 + m.each[to].iam, cdk: size.cdk + m.each[to].cdk };
    }
    pieces.push({ m, order, from, to, size });
    from = to;
  }
  return pieces;
}

function statementOf(p: Piece): iam.PolicyStatement {
  const s = p.m.statement;
  if (p.from === 0 && p.to >= s.resources.length) return s;
  return new iam.PolicyStatement({ effect: s.effect, actions: s.actions, resources: s.resources.slice(p.from, p.to), conditions: s.conditions });
}

const bin = (): Bin => ({ pieces: [], iam: POLICY_DOCUMENT_OVERHEAD, cdk: 0 });
const fits = (b: Bin, p: Piece, iamBudget: number, cdkBudget: number) => b.iam + p.size.iam + 1 <= iamBudget && b.cdk + p.size.cdk <= cdkBudget;
function add(b: Bin, p: Piece): void {
  b.iam += p.size.iam + (b.pieces.length > 0 ? 1 : 0);
  b.cdk += p.size.cdk;
  b.pieces.push(p);
}
// In the order responderPolicy gave them, so a policy reads like the catalogue.
const statementsOf = (b: Bin) => [...b.pieces].sort((x, y) => x.order - y.order || x.from - y.from).map(statementOf);

/**
 * Where each statement goes: all inline when they fit, unchanged; otherwise the largest pieces
 * first (first-fit decreasing) into the inline policy while it has room, then into managed
 * policies, a statement whose resources overflow a managed policy split by resources. The same
 * actions on the same resources either way: only distributed differently.
 */
export function layoutPolicies(statements: readonly iam.PolicyStatement[], stack: Stack, budgets = POLICY_BUDGETS): PolicyLayout {
  const measured = statements.map((s) => measureStatement(s, stack));
  const all = bin();
  measured.forEach((m, order) => add(all, { m, order, from: 0, to: m.each.length, size: sizeOf(m) }));
  if (all.iam <= budgets.inline && all.cdk <= budgets.inlineCdkEstimate) return { inline: [...statements], managed: [] };

  const pieces = measured.flatMap((m, order) => split(m, order, budgets.managed - POLICY_DOCUMENT_OVERHEAD - 1));
  pieces.sort((a, b) => b.size.iam - a.size.iam || a.order - b.order || a.from - b.from);
  const inline = bin();
  const managed: Bin[] = [];
  for (const p of pieces) {
    if (fits(inline, p, budgets.inline, budgets.inlineCdkEstimate)) {
      add(inline, p);
      continue;
    }
    let target = managed.find((b) => fits(b, p, budgets.managed, Number.POSITIVE_INFINITY));
    if (!target) managed.push((target = bin()));
    add(target, p);
  }
  return { inline: statementsOf(inline), managed: managed.map(statementsOf) };
}

/** Whose statements these are, for the policies' descriptions and the error when they cannot fit. */
export interface PolicyOwner {
  /** Starts the managed policies' descriptions, e.g. `Alert responder rung lambda: remediation permissions`. */
  readonly label: string;
  /** Whose permissions, for the error: `System "rung": the lambda responder's permissions on its 12 targets`. */
  readonly whose: string;
  /** What to do when they do not fit. */
  readonly remedy: string;
}

/** The owner of a responder's permissions. */
export function responderPolicyOwner(system: string, family: ResponderFamily, targets: number): PolicyOwner {
  return {
    label: `Alert responder ${system} ${family}: remediation permissions`,
    whose: `System "${system}": the ${family} responder's permissions on its ${targets} targets`,
    remedy: 'Split the system into smaller systems in the configuration, so each responder acts on fewer targets.',
  };
}

/**
 * Grants `statements` to `role`: inline while they fit IAM's limit on a role's inline policies,
 * else spread over customer managed policies in the same stack. Throws at synth when more than
 * IAM's default quota of managed policies per role would be needed.
 */
export function grantWithinIamLimits(role: iam.Role, statements: readonly iam.PolicyStatement[], owner: PolicyOwner): PolicyLayout {
  const layout = layoutPolicies(statements, Stack.of(role));
  const quota = IAM_POLICY_LIMITS.managedPoliciesPerRole;
  if (layout.managed.length > quota) {
    throw new Error(
      `${owner.whose} need ${layout.managed.length} customer managed policies besides its inline policy, ` +
        `over IAM's default quota of ${quota} per role. ${owner.remedy}`,
    );
  }
  layout.inline.forEach((s) => role.addToPrincipalPolicy(s));
  layout.managed.forEach((doc, i) => {
    // A child of the role: the role's cdk-nag acknowledgments of wildcard resources cover it too.
    const policy = new iam.ManagedPolicy(role, `Permissions${i + 1}`, {
      description: `${owner.label}, part ${i + 1} of ${layout.managed.length}`,
      statements: [...doc],
    });
    // Listed in the role's ManagedPolicyArns: CloudFormation creates the policy before the role, so
    // before the function that assumes it.
    role.addManagedPolicy(policy);
  });
  return layout;
}
