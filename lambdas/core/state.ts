/** Plain JSON values only: plans are recorded, returned by dry runs and replayed by undo. */
export type StateValue = string | number | boolean | null | readonly StateValue[] | { readonly [k: string]: StateValue };

/** A resource's state as a record holds it (before, after, a plan's parameters). */
export type State = { readonly [k: string]: StateValue };
