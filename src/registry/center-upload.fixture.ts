import { clientOf, startTestCore } from '../core/testing/test-center';

/**
 * A center process for the crash tests: opens the center in `dataDir`, signs the manager in and
 * runs one upload round, killing itself with SIGKILL at the named point (`afterSeal`: the batch
 * is stored, nothing sent; `afterSend`: the registry answered, the receipt not yet recorded), or
 * finishing normally with `none`. Prints the round's result as JSON on stdout.
 *
 * argv: dataDir username password crashAt
 */
const [dataDirArg, usernameArg, passwordArg, crashAt] = process.argv.slice(2);
if (!dataDirArg || !usernameArg || !passwordArg || !crashAt) throw new Error('usage: dataDir username password crashAt');
const dataDir: string = dataDirArg;
const username: string = usernameArg;
const password: string = passwordArg;

const die = (): never => {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
};

async function main(): Promise<void> {
  const core = await startTestCore(dataDir, {
  sync: {
    intervalMs: 0,
    backoff: { baseMs: 1, capMs: 5 },
    faults: {
      afterSeal: () => {
        if (crashAt === 'afterSeal') die();
      },
      afterSend: () => {
        if (crashAt === 'afterSend') die();
      },
    },
  },
});
  const manager = clientOf(core, 'manager');
  await manager.invoke('auth.signIn', { username, password });
  const result = await manager.invoke('sync.uploadNow', {});
  process.stdout.write(`${JSON.stringify(result)}\n`);
  await core.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
