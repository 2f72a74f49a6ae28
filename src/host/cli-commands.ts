import { createApiClient, type ApiClient } from '../core/client';
import { AppError } from '../core/api/errors';
import type { StoreReport } from '../core/audit/verify-store';
import type { Core } from '../core/app';
import { openWithRecoveryCode } from '../core/auth/auth.service';
import { verifyDataDir, type DataDirReport, type VerifyCredentials } from './cli-verify';
import { createDirectTransport } from './direct-transport';

/**
 * The CLI's built-in commands. Each gets the parsed arguments and a started core, prints its
 * result as JSON on stdout, and throws AppError on failure (the runner prints it and exits 1).
 */
export interface CliArgs {
  readonly positionals: readonly string[];
  readonly options: Readonly<Record<string, string | undefined>>;
  /** Options given without a value (`--demonstration`). */
  readonly flags: ReadonlySet<string>;
  readonly env: NodeJS.ProcessEnv;
}

export interface CliIo {
  out(value: unknown): void;
  /** A line for the person at the terminal (stderr), not for a script reading stdout. */
  note(text: string): void;
}

export interface CliCommand {
  readonly kind?: 'core';
  readonly usage: string;
  /** Option names taking a value (all CLI options do), besides the common `--dir`. */
  readonly options: readonly string[];
  run(core: Core, args: CliArgs, io: CliIo): Promise<number>;
}

/** A command that works on the data folder's files itself and starts no core (nothing a core does at start runs). */
export interface DataDirCommand {
  readonly kind: 'dataDir';
  readonly usage: string;
  readonly options: readonly string[];
  run(dataDir: string, args: CliArgs, io: CliIo): Promise<number>;
}

export type AnyCliCommand = CliCommand | DataDirCommand;

export const CLI_CONNECTION_ID = 'cli';

function usageError(message: string): AppError {
  return new AppError('BAD_REQUEST', { reason: 'usage', message });
}

function requireEnv(args: CliArgs, name: string): string {
  const value = args.env[name];
  if (value === undefined || value === '') throw usageError(`${name} is not set`);
  return value;
}

/** Signs in as `--user` with `INSON_PASSWORD` on the CLI's one connection. */
async function signedInClient(core: Core, args: CliArgs): Promise<ApiClient> {
  const api = createApiClient(createDirectTransport(core, CLI_CONNECTION_ID));
  const username = args.options.user;
  if (username !== undefined) await api.invoke('auth.signIn', { username, password: requireEnv(args, 'INSON_PASSWORD') });
  return api;
}

const call: CliCommand = {
  usage: '<method> [json] [--user U]   (password from INSON_PASSWORD; a public method may omit --user)',
  options: ['user'],
  async run(core, args, io) {
    const [method, json] = args.positionals;
    if (method === undefined) throw usageError('call needs a method name');
    let input: unknown = {};
    if (json !== undefined) {
      try {
        input = JSON.parse(json);
      } catch {
        throw usageError('the input is not valid JSON');
      }
    }
    await signedInClient(core, args);
    const outcome = await core.call(CLI_CONNECTION_ID, method, input);
    if (!outcome.ok) throw new AppError(outcome.error.code, outcome.error.details as Record<string, unknown> | undefined);
    io.out(outcome.result);
    return 0;
  },
};

const init: CliCommand = {
usage: '--center-name N --center-type mahalla|rehabilitation|inclusiveVocational --region SOATO --district SOATO --admin U [--admin-name NAME] [--demonstration]   (password from INSON_PASSWORD; --demonstration: a center for showing the app, the only kind seed fills, sending nothing)',
  options: ['center-name', 'center-type', 'region', 'district', 'admin', 'admin-name', 'demonstration'],
  async run(core, args, io) {
    const { options } = args;
    const username = options.admin;
    if (username === undefined) throw usageError('init needs --admin');
    const api = createApiClient(createDirectTransport(core, CLI_CONNECTION_ID));
    const result = await api.invoke('setup.createCenter', {
      center: {
        name: options['center-name'] ?? '',
        type: (options['center-type'] ?? '') as 'mahalla',
        regionCode: options.region ?? '',
        districtCode: options.district ?? '',
      },
      admin: { displayName: options['admin-name'] ?? username, username, password: requireEnv(args, 'INSON_PASSWORD') },
      isDemonstration: args.flags.has('demonstration'),
    });
    io.note('The recovery code is shown this once. Print it or write it down and keep it locked away.');
    io.out(result);
    return 0;
  },
};

/** Names the first thing that is wrong, for the person reading the terminal. */
export function firstProblem(report: StoreReport): string | null {
  if (report.integrity.length !== 1 || report.integrity[0] !== 'ok') return `integrity_check: ${report.integrity[0] ?? 'no answer'}`;
  const violation = report.foreignKeys[0];
  if (violation) return `foreign key: ${violation.table} row ${String(violation.rowid)} -> ${violation.parent}`;
  if (!report.auditChain.ok) return `audit chain broken at event seq ${String(report.auditChain.firstBrokenSeq)} (${report.auditChain.reason ?? 'unknown'})`;
  const { anchors, schema, rows } = report;
  if (anchors?.unreadable) return 'audit anchors: the anchor file is not readable';
  if (anchors && anchors.truncatedAt.length > 0) return `audit chain cut: it ends before anchored event seq ${String(anchors.truncatedAt[0])}`;
  if (anchors && anchors.rewrittenAt.length > 0) return `audit chain rewritten: event seq ${String(anchors.rewrittenAt[0])} differs from its anchor`;
  const schemaProblem = schema?.missing[0] ?? schema?.changed[0] ?? schema?.unexpected[0];
  if (schema && schemaProblem !== undefined) {
    return `schema: ${schemaProblem} is ${schema.missing.includes(schemaProblem) ? 'missing' : schema.changed.includes(schemaProblem) ? 'changed' : 'not expected'}`;
  }
  const row = rows.changed[0] ?? rows.unaudited[0] ?? rows.missing[0];
  if (row !== undefined) {
    const kind = rows.changed[0] === row ? 'changed behind the audit log' : rows.unaudited[0] === row ? 'has no audit event' : 'is missing';
    return `row ${row.table} ${row.key} ${kind} (${String(rows.counts.changed)} changed, ${String(rows.counts.unaudited)} unaudited, ${String(rows.counts.missing)} missing)`;
  }
  return null;
}

/**
 * `verify` opens no core: it reads the keyring, unwraps one slot in memory and checks the database
 * read-only (cli-verify.ts), so checking a center changes nothing in it.
 */
const verify: DataDirCommand = {
  kind: 'dataDir',
  usage: '[--user U]   (INSON_PASSWORD with --user, or INSON_RECOVERY_CODE; reads only)',
  options: ['user'],
  async run(dataDir, args, io) {
    const recoveryCode = args.env.INSON_RECOVERY_CODE;
    const username = args.options.user;
    let credentials: VerifyCredentials;
    if (username !== undefined) credentials = { username, password: requireEnv(args, 'INSON_PASSWORD') };
    else if (recoveryCode !== undefined && recoveryCode !== '') credentials = { recoveryCode };
    else throw usageError('verify needs --user with INSON_PASSWORD, or INSON_RECOVERY_CODE');
    const report = await verifyDataDir(dataDir, credentials);
    io.out(report);
    io.note(report.chainHead ? `audit chain head: seq ${String(report.chainHead.seq)} hash ${report.chainHead.hash}` : 'audit chain head: unknown (the database could not be read)');
    const problem = describeProblem(report);
    if (problem === null) return 0;
    io.note(`verify: ${problem}`);
    return 1;
  },
};

function hasStoreReport(report: DataDirReport): report is DataDirReport & StoreReport {
  return report.integrity !== undefined && report.foreignKeys !== undefined && report.auditChain !== undefined && report.rows !== undefined && report.chainHead !== undefined;
}

/** The first thing wrong with a data folder, for the terminal. */
export function describeProblem(report: DataDirReport): string | null {
  const { pages } = report;
  const damagedPages = `${String(pages.damagedCount)} of ${String(pages.pageCount)} pages fail their HMAC${pages.damaged.length > 0 ? ` (first: page ${String(pages.damaged[0])})` : ''}`;
  if (report.database === 'wrongKey') return `the key from the keyring does not open this database: no page authenticates under it (a keyring from another center, or a re-key left half done)`;
  if (report.database === 'damagedFirstPage') return `the database's first page is damaged: the key is right (${String(pages.pageCount - pages.damagedCount)} pages authenticate) but page 1 does not`;
  if (report.database === 'damaged') return `the database cannot be opened: ${damagedPages}`;
  if (report.database === 'unreadable') return `SQLite could not read the database (${report.sqliteError ?? 'unknown'}): ${damagedPages}`;
  if (report.unknownMigrations.length > 0) return `the database was written by a newer version of the app (migrations ${report.unknownMigrations.join(', ')})`;
  if (report.keyringIntact === false) return 'the keyring file was changed outside the app (its MAC does not match)';
  if (pages.damagedCount > 0 || pages.isPartial) return pages.isPartial ? 'the database file is not a whole number of pages (cut or padded)' : damagedPages;
  const problem = hasStoreReport(report) ? firstProblem(report) : null;
  if (problem !== null) return problem;
  if (report.pendingMigrations.length > 0) return `the database has not applied migrations ${report.pendingMigrations.join(', ')} yet (the schema was not compared; the app applies them at the next sign-in)`;
  return null;
}

/**
 * Rewrites a format-1 keyring as format 2 (MAC, no pending grants, no clear list of holders). A
 * sign-in does the same on its own; this is for a center that wants it done before anyone works.
 */
const migrateKeyring: CliCommand = {
  usage: '[--user U]   (INSON_PASSWORD with --user, or INSON_RECOVERY_CODE)',
  options: ['user'],
  async run(core, args, io) {
    const before = core.services.auth.keyring.requireAny().version;
    const recoveryCode = args.env.INSON_RECOVERY_CODE;
    if (args.options.user !== undefined) await signedInClient(core, args);
    else if (recoveryCode !== undefined && recoveryCode !== '') await openWithRecoveryCode(core.services, recoveryCode);
    else throw usageError('migrate-keyring needs --user with INSON_PASSWORD, or INSON_RECOVERY_CODE');
    const after = core.services.auth.keyring.requireAny().version;
    io.out({ fromVersion: before, version: after, migrated: before !== after });
    return 0;
  },
};

export const builtInCommands: Readonly<Record<string, AnyCliCommand>> = { call, init, verify, 'migrate-keyring': migrateKeyring };
