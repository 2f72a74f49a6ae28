import { sql } from 'kysely';
import { boxKeyId } from '../crypto/key-box';
import type { Keyring } from '../crypto/keyring';
import type { ReadDb } from '../db/handles';

/**
 * Which public key each slot's box should have, from the audit log rather than from the keyring
 * file (issue 8 item 1: trust nothing written by others). Anyone who knows one staff password can
 * rewrite the file and re-seal its MAC, so a rotation that sealed the new database key to whatever
 * public key the file holds could hand it to an insider who swapped a colleague's box for her own.
 *
 * So every audited event that makes a box, or at which its owner's password showed the box to be
 * hers (sign-in, password change, a grant into her slot, setup), carries the box's id
 * (`details.boxKeyId`; the recovery slot's as `details.recoveryBoxKeyId`). A rotation seals only to
 * boxes whose id is the last one audited for that account. Forging the attestation means rewriting
 * the hash-chained audit log, which `verify` and the anchors report.
 */

export const RECOVERY = 'recovery';

/** The box id of an account's slot (or the recovery slot's), or null when it has no box. */
export function slotBoxKeyId(keyring: Keyring, userId: string): string | null {
  const box = userId === RECOVERY ? keyring.recovery.box : keyring.slots.find((slot) => slot.userId === userId)?.box;
  return box ? boxKeyId(box) : null;
}

/**
 * The last audited box id of every account (and of the recovery slot, under `RECOVERY`).
 *
 * @example const attested = await attestedBoxKeyIds(db); attested.get(userId) // '4be1…'
 */
export async function attestedBoxKeyIds(db: ReadDb): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('audit_log')
    .select([
      'entity_id',
      sql<string | null>`json_extract(details_json, '$.boxKeyId')`.as('boxKeyId'),
      sql<string | null>`json_extract(details_json, '$.recoveryBoxKeyId')`.as('recoveryBoxKeyId'),
    ])
    .where((eb) => eb.or([eb(sql`json_extract(details_json, '$.boxKeyId')`, 'is not', null), eb(sql`json_extract(details_json, '$.recoveryBoxKeyId')`, 'is not', null)]))
    .orderBy('seq')
    .execute();
  const attested = new Map<string, string>();
  for (const row of rows) {
    if (row.boxKeyId && row.entity_id) attested.set(row.entity_id, row.boxKeyId);
    if (row.recoveryBoxKeyId) attested.set(RECOVERY, row.recoveryBoxKeyId);
  }
  return attested;
}

export interface BoxCheck {
  /** Slots whose box matches its last attestation: a rotation seals to these. */
  readonly attested: readonly string[];
  /** Slots with a box never attested (made by a version before attestation): they wait for their owner's sign-in. */
  readonly unattested: readonly string[];
  /** Slots whose box differs from the one last attested: replaced in the file. */
  readonly replaced: readonly string[];
}

/**
 * Sorts the keyring's slots (and `RECOVERY`) by whether their box is the audited one.
 *
 * @example const { replaced } = checkBoxes(keyring, await attestedBoxKeyIds(db));
 */
export function checkBoxes(keyring: Keyring, attested: ReadonlyMap<string, string>): BoxCheck {
  const result = { attested: [] as string[], unattested: [] as string[], replaced: [] as string[] };
  for (const id of [...keyring.slots.map((slot) => slot.userId), RECOVERY]) {
    const actual = slotBoxKeyId(keyring, id);
    const expected = attested.get(id);
    if (actual === null || expected === undefined) result.unattested.push(id);
    else if (actual === expected) result.attested.push(id);
    else result.replaced.push(id);
  }
  return result;
}
