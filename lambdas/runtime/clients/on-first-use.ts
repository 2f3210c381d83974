import { AsyncLocalStorage } from 'node:async_hooks';

/** What a client's `send` does, as an interceptor sees it. */
export type Send = (command: object) => Promise<unknown>;

/**
 * Stands in front of every client's `send`: the CLI's capture records what AWS answers, its
 * offline dry run answers from a saved state. Never set in a deployed responder.
 */
export type Interceptor = (client: object, command: object, send: Send) => Promise<unknown>;

let interceptor: Interceptor | undefined;
const clients: object[] = [];

/** The class's own `send` (or a test's stub of it), called on the client. */
function sendOf(client: object): Send {
  return (command) => {
    const send: unknown = Reflect.get(Object.getPrototypeOf(client) as object, 'send');
    if (typeof send !== 'function') throw new TypeError(`${client.constructor.name} has no send`);
    return Promise.resolve(Reflect.apply(send, client, [command]));
  };
}

function wrap(client: object): void {
  const current = interceptor;
  if (!current) return;
  const send = sendOf(client);
  Object.defineProperty(client, 'send', { value: (command: object) => current(client, command, send), configurable: true, writable: true });
}

/** Lists a new client, and puts it behind the interceptor if one is set. */
export function madeClient<T extends object>(client: T): T {
  clients.push(client);
  if (interceptor) wrap(client);
  return client;
}

/**
 * Puts every client, made or yet to be made, behind `next` (or back on its own `send` when
 * undefined): a client made before the CLI chose its mode is covered too.
 */
export function interceptClients(next: Interceptor | undefined): void {
  interceptor = next;
  for (const client of clients) {
    Reflect.deleteProperty(client, 'send');
    wrap(client);
  }
}

/** Temporary credentials, as STS returns them and an SDK client's `credentials` accepts them. */
export interface TemporaryCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration?: Date;
}

/** What a client made inside a credentials scope is configured with, on top of its own configuration. */
export interface ScopedConfig {
  readonly credentials: TemporaryCredentials;
}

/** One scope: its credentials, and the clients made in it (one per kind, for that scope only). */
interface Scope {
  readonly config: ScopedConfig;
  readonly clients: Map<object | string, object>;
}

const scopes = new AsyncLocalStorage<Scope>();

/**
 * Runs `work` with every client it obtains (through `onFirstUse` or `inScope`) made anew with
 * `credentials`, never the container's shared ones: an approved apply runs with credentials
 * limited to its plan (lambdas/pipeline/scoped-apply.ts). The scope's clients are destroyed after.
 * Async-local, so concurrent work outside the scope keeps the shared clients.
 */
export async function withCredentials<R>(credentials: TemporaryCredentials, work: () => Promise<R>): Promise<R> {
  const scope: Scope = { config: { credentials }, clients: new Map() };
  try {
    return await scopes.run(scope, work);
  } finally {
    for (const client of scope.clients.values()) {
      const destroy: unknown = Reflect.get(client, 'destroy');
      if (typeof destroy === 'function') Reflect.apply(destroy, client, []);
    }
  }
}

/**
 * Inside a credentials scope, the scope's client of this kind (`key`), made with its credentials on
 * first use there; outside one, undefined (use the shared client). Not listed in `clients`: it
 * lives as long as its scope, but it goes behind the interceptor like any other.
 */
export function inScope<T extends object>(key: object | string, create: (scoped: ScopedConfig) => T): T | undefined {
  const scope = scopes.getStore();
  if (!scope) return undefined;
  let client = scope.clients.get(key);
  if (!client) {
    client = create(scope.config);
    wrap(client);
    scope.clients.set(key, client);
  }
  // Stored under `key` by this function only, from `create`: of type T.
  return client as T;
}

/**
 * A client made on first use and kept for the container's life: still once per container and
 * outside the handler, but a cold start no longer pays for the clients its notification never
 * calls (constructing one resolves its region, credential chain and endpoint rules). `create`
 * spreads the scoped config into the client's own: inside `withCredentials` it makes that scope's
 * client (a test checks every client module does).
 */
export function onFirstUse<T extends object>(create: (scoped?: ScopedConfig) => T): () => T {
  let made: T | undefined;
  const getter = (): T => inScope(getter, create) ?? (made ??= madeClient(create()));
  return getter;
}
