/**
 * A proposal id: the proposing responder's system and family, then a UUID
 * (`rung.lambda.8f0c…`), so that the approve CLI finds the responder from the id alone.
 */
export const PROPOSAL_ID = /^([a-z][a-z0-9-]{0,38}[a-z0-9])\.([A-Za-z0-9]{1,40})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The system and family a proposal id names, or undefined when it is not one. */
export function proposalOwner(id: string): { readonly system: string; readonly family: string } | undefined {
  const m = PROPOSAL_ID.exec(id);
  return m ? { system: m[1] ?? '', family: m[2] ?? '' } : undefined;
}
