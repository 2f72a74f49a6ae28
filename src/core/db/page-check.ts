import { createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/**
 * Checks every page of the database file against its SQLCipher 4 page HMAC, without SQLite.
 *
 * Why: SQLite answers SQLITE_NOTADB both for a wrong key and for a damaged first page, and a
 * damaged page further in surfaces only when some query happens to read it. The page HMACs say
 * which: with the right key every intact page authenticates, so "page 1 fails, the others pass"
 * is a damaged first page, "no page passes" is a key that is not this database's.
 *
 * The layout is SQLCipher 4's defaults, which `open.ts` selects (`legacy=4`): 4096-byte pages,
 * each ending in a 16-byte IV and a 64-byte HMAC-SHA512 over the page's ciphertext, its IV and
 * its page number (4 bytes, little-endian); page 1 starts with the file's 16-byte salt, which the
 * HMAC does not cover. The HMAC key is PBKDF2-HMAC-SHA512(raw key, salt XOR 0x3a, 2 rounds, 32 bytes).
 */
export const PAGE_SIZE_BYTES = 4096;
const SALT_BYTES = 16;
const HMAC_BYTES = 64;
const HMAC_SALT_MASK = 0x3a;
const HMAC_KDF_ROUNDS = 2;
/** How many damaged pages a report names; the count stays exact. */
export const MAX_NAMED_PAGES = 100;

export interface PageFindings {
  /** Pages in the main file (its size over the page size, rounded down). */
  readonly pageCount: number;
  /** The file's size is not a whole number of pages: it was cut or padded. */
  readonly isPartial: boolean;
  /** Pages whose HMAC does not authenticate under the key, by number (at most MAX_NAMED_PAGES). */
  readonly damaged: readonly number[];
  readonly damagedCount: number;
}

/** What a key that does not open the database means, from the page HMACs. */
export type OpenFailure = 'wrongKey' | 'damagedFirstPage' | 'damaged';

/**
 * Reads the file page by page and checks each page's HMAC under `key` (a 32-byte raw key).
 *
 * @example checkPages(join(dataDir, 'center.db'), databaseKey) // { pageCount: 61, damaged: [31], damagedCount: 1, isPartial: false }
 */
export function checkPages(filePath: string, key: Buffer): PageFindings {
  const fd = openSync(filePath, 'r');
  const page = Buffer.alloc(PAGE_SIZE_BYTES);
  let hmacKey: Buffer | null = null;
  try {
    const size = fstatSync(fd).size;
    const pageCount = Math.floor(size / PAGE_SIZE_BYTES);
    const isPartial = size % PAGE_SIZE_BYTES !== 0;
    const damaged: number[] = [];
    let damagedCount = 0;
    const pageNumber = Buffer.alloc(4);
    for (let number = 1; number <= pageCount; number += 1) {
      readSync(fd, page, 0, PAGE_SIZE_BYTES, (number - 1) * PAGE_SIZE_BYTES);
      if (hmacKey === null) {
        const salt = Buffer.from(page.subarray(0, SALT_BYTES).map((byte) => byte ^ HMAC_SALT_MASK));
        hmacKey = pbkdf2Sync(key, salt, HMAC_KDF_ROUNDS, 32, 'sha512');
      }
      pageNumber.writeUInt32LE(number);
      const covered = page.subarray(number === 1 ? SALT_BYTES : 0, PAGE_SIZE_BYTES - HMAC_BYTES);
      const expected = createHmac('sha512', hmacKey).update(covered).update(pageNumber).digest();
      if (!timingSafeEqual(expected, page.subarray(PAGE_SIZE_BYTES - HMAC_BYTES))) {
        damagedCount += 1;
        if (damaged.length < MAX_NAMED_PAGES) damaged.push(number);
      }
    }
    return { pageCount, isPartial, damaged, damagedCount };
  } finally {
    closeSync(fd);
    hmacKey?.fill(0);
    page.fill(0);
  }
}

/**
 * Why a key that unwrapped from this center's keyring does not open the database: every page
 * fails (the key is not this database's: another center's keyring, a half-done re-key), only
 * the first fails (its header page is damaged), or something else is wrong with the file.
 *
 * @example explainOpenFailure(checkPages(path, key)) // 'damagedFirstPage'
 */
export function explainOpenFailure(pages: PageFindings): OpenFailure {
  if (pages.pageCount > 1 && pages.damagedCount === pages.pageCount) return 'wrongKey';
  if (pages.pageCount > 1 && pages.damaged[0] === 1) return 'damagedFirstPage';
  return 'damaged';
}

/**
 * `checkPages` in slices of `pagesPerSlice` pages, yielding to the event loop between slices, so a
 * 600 MiB database is checked in the background without holding up the calls the core answers
 * meanwhile. `shouldStop` ends it early (the store was closed): the findings so far come back.
 *
 * @example const findings = await checkPagesGradually(path, key, { shouldStop: () => !store.isOpen });
 */
export async function checkPagesGradually(filePath: string, key: Buffer, options: { readonly pagesPerSlice?: number; readonly shouldStop?: () => boolean } = {}): Promise<PageFindings> {
  const pagesPerSlice = options.pagesPerSlice ?? 256;
  const fd = openSync(filePath, 'r');
  const page = Buffer.alloc(PAGE_SIZE_BYTES);
  let hmacKey: Buffer | null = null;
  try {
    const size = fstatSync(fd).size;
    const pageCount = Math.floor(size / PAGE_SIZE_BYTES);
    const damaged: number[] = [];
    let damagedCount = 0;
    const pageNumber = Buffer.alloc(4);
    // Never inside the caller's turn: the sign-in that opened the store answers first.
    await new Promise((resolve) => setImmediate(resolve));
    for (let number = 1; number <= pageCount; number += 1) {
      if (number % pagesPerSlice === 0) {
        await new Promise((resolve) => setImmediate(resolve));
        if (options.shouldStop?.() === true) break;
      }
      readSync(fd, page, 0, PAGE_SIZE_BYTES, (number - 1) * PAGE_SIZE_BYTES);
      if (hmacKey === null) {
        const salt = Buffer.from(page.subarray(0, SALT_BYTES).map((byte) => byte ^ HMAC_SALT_MASK));
        hmacKey = pbkdf2Sync(key, salt, HMAC_KDF_ROUNDS, 32, 'sha512');
      }
      pageNumber.writeUInt32LE(number);
      const covered = page.subarray(number === 1 ? SALT_BYTES : 0, PAGE_SIZE_BYTES - HMAC_BYTES);
      const expected = createHmac('sha512', hmacKey).update(covered).update(pageNumber).digest();
      if (!timingSafeEqual(expected, page.subarray(PAGE_SIZE_BYTES - HMAC_BYTES))) {
        damagedCount += 1;
        if (damaged.length < MAX_NAMED_PAGES) damaged.push(number);
      }
    }
    return { pageCount, isPartial: size % PAGE_SIZE_BYTES !== 0, damaged, damagedCount };
  } finally {
    closeSync(fd);
    hmacKey?.fill(0);
    page.fill(0);
  }
}
