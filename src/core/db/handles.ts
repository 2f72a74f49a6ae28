import type { Kysely, Transaction } from 'kysely';
import type { Database } from './database';

/**
 * The two kinds of database handle a domain sees.
 *
 * `ReadDb` can only start queries that read (and raw `sql` through `getExecutor`, an escape hatch
 * reviewed by eye): a read handler or a read repository function cannot insert, update or delete.
 * `WriteTx` is the write path's transaction, branded so that only `audit/run-write.ts` can make
 * one: a repository's write function takes a `WriteTx`, so a write outside the one write path (no
 * audit event, no outbox) does not compile. A `WriteTx` is also a `ReadDb`, so reads inside a
 * write use the same transaction.
 */
export type ReadDb = Pick<Kysely<Database>, 'selectFrom' | 'selectNoFrom' | 'with' | 'withRecursive' | 'fn' | 'dynamic' | 'getExecutor'>;

declare const writePathBrand: unique symbol;

/** The write path's transaction; see `ReadDb`. */
export type WriteTx = Transaction<Database> & { readonly [writePathBrand]: true };

/**
 * Brands the write path's own transaction. Only `audit/run-write.ts` calls this (lint keeps it so).
 */
export function asWriteTx(trx: Transaction<Database>): WriteTx {
  return trx as WriteTx;
}
