import type { TargetAutonomy } from './autonomy';
import type { Caps } from './caps';
import type { RemediationId } from './remediations';
import { TARGET_SCHEMAS, type TargetProps } from './target-schemas';
import type { TargetType } from './target-types';

/** A configured resource of one type: see `Target`. */
export interface TargetOf<T extends TargetType> {
  readonly type: T;
  /** The key in its alarm names, unique in its system. */
  readonly key: string;
  readonly system: string;
  readonly props: TargetProps<T>;
  /** Its effective caps: the defaults, then the deployment's, the system's and its own. */
  readonly caps: Caps;
  /** Guarded remediations enabled for this target; all others only plan and escalate. */
  readonly guarded: readonly RemediationId[];
  /** The autonomy levels the resource sets itself (its `autonomy`, its `guarded` list); its system's come with the responder's settings. */
  readonly autonomy?: TargetAutonomy;
  /** The resolved backends an API, health check or custom metric acts on. */
  readonly backends?: readonly Target[];
}

/**
 * A configured resource as the CDK app and the responders see it, a union over its `type`: a
 * check of `target.type` narrows `target.props` to that type's shape.
 */
export type Target<T extends TargetType = TargetType> = { readonly [K in T]: TargetOf<K> }[T];

/** What every target has besides its type and props. */
export type TargetCommon = Omit<TargetOf<TargetType>, 'type' | 'props'>;

/**
 * A target of `type` with `props` parsed by that type's schema (throws on a mismatch). The one
 * place where the compiler takes a type and its props on trust: it cannot tie the schema chosen by
 * a key to the union member of the same key.
 */
export function parseTarget(type: TargetType, props: unknown, common: TargetCommon): Target {
  return { ...common, type, props: TARGET_SCHEMAS[type].parse(props) } as Target;
}
