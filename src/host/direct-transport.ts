import type { Transport } from '../core/client';
import type { Core } from '../core/app';

/**
 * Calls the core in the same process, through the same router as every other transport
 * (validation, permissions and errors included). Used by unit tests and the CLI.
 *
 * The input goes through a JSON round trip so tests see exactly what a wire would carry.
 */
export function createDirectTransport(core: Core, connectionId: string): Transport {
  return {
    async send(method, input) {
      const wireInput: unknown = input === undefined ? undefined : JSON.parse(JSON.stringify(input));
      const outcome = await core.call(connectionId, method, wireInput);
      return JSON.parse(JSON.stringify(outcome)) as typeof outcome;
    },
  };
}
