/**
 * A client made on first use and kept for the container's life: still once per container and
 * outside the handler, but a cold start no longer pays for the clients its notification never
 * calls (constructing one resolves its region, credential chain and endpoint rules).
 */
export function onFirstUse<T>(create: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= create());
}
