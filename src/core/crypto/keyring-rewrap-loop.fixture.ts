/**
 * Child process for the crash test: rewraps the admin slot with password `pw-<n+1>` after
 * unlocking it with `pw-<n>`, forever, printing n after each completed write. The test kills it
 * with SIGKILL at a random moment. Run: node --import tsx keyring-rewrap-loop.fixture.ts <dataDir> <databaseKeyHex>
 */
import { TEST_SCRYPT_PARAMS } from './key-slots';
import { rewrapUserSlot, unlockUserSlot } from './keyring';
import { KeyringStore } from './keyring-store';
import { nodeCryptoPrimitives } from './primitives';

async function main(dataDir: string, databaseKey: Buffer): Promise<void> {
  const store = new KeyringStore(dataDir, { primitives: nodeCryptoPrimitives, databaseKey: () => databaseKey });
  for (let n = 0; ; n += 1) {
    await store.update(async (keyring) => {
      const unlocked = await unlockUserSlot(nodeCryptoPrimitives, keyring, 'admin', `pw-${n}`);
      if (!unlocked) throw new Error(`slot did not open with pw-${n}`);
      return rewrapUserSlot(nodeCryptoPrimitives, keyring, unlocked, `pw-${n + 1}`, TEST_SCRYPT_PARAMS);
    });
    process.stdout.write(`${n + 1}\n`);
  }
}

const [dataDir, databaseKeyHex] = process.argv.slice(2);
if (!dataDir || !databaseKeyHex) throw new Error('usage: keyring-rewrap-loop.fixture.ts <dataDir> <databaseKeyHex>');
void main(dataDir, Buffer.from(databaseKeyHex, 'hex')).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
