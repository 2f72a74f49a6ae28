/**
 * Child process for open.test.ts: creates a database, reopens it with a wrong key, then with the
 * right one, and says nothing itself; anything on stdout or stderr came from the driver.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { openDatabase } from './open';

const [dir] = process.argv.slice(2);
if (dir === undefined) process.exit(2);
const path = join(dir, 'center.db');
const key = randomBytes(32).toString('hex');
const created = openDatabase(path, key, { mode: 'create' });
created.exec("CREATE TABLE t (x TEXT) STRICT; INSERT INTO t VALUES ('x')");
created.close();
try {
  openDatabase(path, randomBytes(32).toString('hex'));
  process.exit(3);
} catch {
  // Expected: WRONG_KEY.
}
openDatabase(path, key).close();
