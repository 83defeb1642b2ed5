/**
 * The Redis clients the store accepts, by the one method it uses: node-redis (`redis`, v4+:
 * `sendCommand`) or ioredis (`call`). Raw commands keep us off each client's option syntax.
 */
export type RedisClientLike =
  | {sendCommand(args: string[]): Promise<unknown>}
  | {call(command: string, ...args: string[]): Promise<unknown>};

/** Runs one Redis command (`['SET', key, value, 'PX', '1000']`) and resolves with its reply. */
export type RedisCommand = (args: string[]) => Promise<unknown>;

export function redisCommand(client: RedisClientLike): RedisCommand {
  if ('sendCommand' in client && typeof client.sendCommand === 'function') return (args) => client.sendCommand(args);
  if ('call' in client && typeof client.call === 'function') {
    return ([command, ...args]) => client.call(command ?? '', ...args);
  }
  throw new TypeError('poly-chat credentials: expected a node-redis client (sendCommand) or an ioredis client (call)');
}
