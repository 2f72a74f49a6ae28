/**
 * Child process for the memory-scan test: the web harness (core + loopback HTTP) over a data
 * folder, with the low test scrypt cost. Prints `{ origin, token }` as one JSON line and runs until
 * killed. Run with --expose-gc: it collects garbage every 100 ms, so what the scan finds is what the
 * core still holds, not what the collector has not reached yet.
 * Run: node --expose-gc --import tsx memory-scan.fixture.ts <dataDir> <staticDir>
 */
import { TEST_SCRYPT_PARAMS } from '../core/crypto/key-slots';
import { silentLogger } from '../core/log';
import { startWebHarness } from './web';

async function main(dataDir: string, staticDir: string): Promise<void> {
  const harness = await startWebHarness({ dataDir, staticDir, port: 0, keySlotParams: TEST_SCRYPT_PARAMS, log: silentLogger });
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect) setInterval(collect, 100);
  process.stdout.write(`${JSON.stringify({ origin: harness.http.origin, token: harness.token })}\n`);
}

const [dataDir, staticDir] = process.argv.slice(2);
if (!dataDir || !staticDir) throw new Error('usage: memory-scan.fixture.ts <dataDir> <staticDir>');
void main(dataDir, staticDir).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
