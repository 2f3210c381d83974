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

/**
 * A client made on first use and kept for the container's life: still once per container and
 * outside the handler, but a cold start no longer pays for the clients its notification never
 * calls (constructing one resolves its region, credential chain and endpoint rules).
 */
export function onFirstUse<T extends object>(create: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= madeClient(create()));
}
