import { createApiClient, type ApiClient } from '../core/client';
import { AppError } from '../core/api/errors';
import { anchorsPathFor, readAnchors } from '../core/audit/anchors';
import { expectedSchema } from '../core/audit/expected-schema';
import { verifyStore, type StoreReport } from '../core/audit/verify-store';
import type { Core } from '../core/app';
import { openWithRecoveryCode } from '../core/auth/auth.service';
import { createDirectTransport } from './direct-transport';

/**
 * The CLI's built-in commands. Each gets the parsed arguments and a started core, prints its
 * result as JSON on stdout, and throws AppError on failure (the runner prints it and exits 1).
 */
export interface CliArgs {
  readonly positionals: readonly string[];
  readonly options: Readonly<Record<string, string | undefined>>;
  readonly env: NodeJS.ProcessEnv;
}

export interface CliIo {
  out(value: unknown): void;
  /** A line for the person at the terminal (stderr), not for a script reading stdout. */
  note(text: string): void;
}

export interface CliCommand {
  readonly usage: string;
  /** Option names taking a value (all CLI options do), besides the common `--dir`. */
  readonly options: readonly string[];
  run(core: Core, args: CliArgs, io: CliIo): Promise<number>;
}

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
  usage: '--center-name N --center-type mahalla|rehabilitation|inclusiveVocational --region SOATO --district SOATO --admin U [--admin-name NAME]   (password from INSON_PASSWORD)',
  options: ['center-name', 'center-type', 'region', 'district', 'admin', 'admin-name'],
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

const verify: CliCommand = {
  usage: '[--user U]   (INSON_PASSWORD with --user, or INSON_RECOVERY_CODE)',
  options: ['user'],
  async run(core, args, io) {
    const recoveryCode = args.env.INSON_RECOVERY_CODE;
    if (args.options.user !== undefined) {
      const api = await signedInClient(core, args);
      const me = await api.invoke('auth.me', {});
      if (!me || !core.services.permissions.has(me.role, 'audit.verify')) throw new AppError('FORBIDDEN', { permission: 'audit.verify' });
    } else if (recoveryCode !== undefined && recoveryCode !== '') {
      await openWithRecoveryCode(core.services, recoveryCode);
    } else {
      throw usageError('verify needs --user with INSON_PASSWORD, or INSON_RECOVERY_CODE');
    }
    const store = core.services.store.require();
    const report = verifyStore(store.handle, { expectedSchema: await expectedSchema(), anchors: readAnchors(anchorsPathFor(store.databasePath)) });
    io.out(report);
    io.note(`audit chain head: seq ${String(report.chainHead.seq)} hash ${report.chainHead.hash}`);
    const problem = firstProblem(report);
    if (problem === null) return 0;
    io.note(`verify: ${problem}`);
    return 1;
  },
};

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

export const builtInCommands: Readonly<Record<string, CliCommand>> = { call, init, verify, 'migrate-keyring': migrateKeyring };
