import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log';
import { PAGE_SIZE_BYTES } from './page-check';
import { createStoreHolder } from './store';

describe('the checks at opening', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'inson-checks-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  async function madeDatabase(key: string): Promise<string> {
    const holder = createStoreHolder({ dataDir, log: silentLogger });
    const store = await holder.open(key, { mode: 'create' });
    store.handle.exec('CREATE TABLE filler (x TEXT)');
    const insert = store.handle.prepare('INSERT INTO filler VALUES (?)');
    for (let i = 0; i < 300; i += 1) insert.run('x'.repeat(400));
    await holder.close();
    return store.databasePath;
  }

  /** Waits for the background check of every page to give its verdict. */
  async function fullCheckOf(holder: ReturnType<typeof createStoreHolder>): Promise<NonNullable<typeof holder.fullCheck>> {
    for (let i = 0; i < 200; i += 1) {
      if (holder.fullCheck !== null) return holder.fullCheck;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('the background check gave no verdict');
  }

  it('checks every page in the background after a sound opening and keeps its verdict', async () => {
    const key = randomBytes(32).toString('hex');
    await madeDatabase(key);
    const holder = createStoreHolder({ dataDir, log: silentLogger });
    await holder.open(key);
    expect(holder.fullCheck).toBeNull();
    expect(await fullCheckOf(holder)).toMatchObject({ isOk: true });
    expect(holder.state()).toBe('open');
    await holder.close();
  });

  it('a large database opens at once; the background check finds the damaged page and closes it', async () => {
    const key = randomBytes(32).toString('hex');
    const path = await madeDatabase(key);
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(64, 0x33), 0, 64, 8 * PAGE_SIZE_BYTES + 200);
    closeSync(fd);
    // As for a file past the quick check's size: no quick check at opening.
    const holder = createStoreHolder({ dataDir, log: silentLogger, quickCheckMaxBytes: 0 });
    await holder.open(key);
    expect(await fullCheckOf(holder)).toMatchObject({ isOk: false });
    expect(holder.isOpen).toBe(false);
    expect(holder.state()).toBe('damaged');
    expect(() => holder.require()).toThrow(expect.objectContaining({ code: 'DATABASE_DAMAGED', details: { kind: 'pageScan' } }));
  });

  it.each([
    ['a page in the middle', 8, 'quickCheck'],
    ['the first page', 0, 'firstPage'],
  ])('refuses to open a database with %s damaged, says so, and changes nothing', async (_, page, kind) => {
    const key = randomBytes(32).toString('hex');
    const path = await madeDatabase(key);
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(64, 0x33), 0, 64, page * PAGE_SIZE_BYTES + 200);
    closeSync(fd);
    const holder = createStoreHolder({ dataDir, log: silentLogger });
    await expect(holder.open(key)).rejects.toMatchObject({ code: 'DATABASE_DAMAGED', details: { kind } });
    expect(holder.state()).toBe('damaged');
    expect(holder.isOpen).toBe(false);
    // A wrong key is still a wrong key, never damage.
    const other = createStoreHolder({ dataDir, log: silentLogger });
    await expect(other.open(randomBytes(32).toString('hex'))).rejects.toMatchObject({ code: 'WRONG_KEY' });
    expect(other.damage).toBeNull();
  });
});
