import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../core/api/errors';
import { createCore, type Core } from '../core/app';
import { createConsoleLogger, silentLogger } from '../core/log';
import { APP_VERSION } from '../core/version';
import { builtInCommands, type AnyCliCommand, type CliIo } from './cli-commands';
import { backupCommand, restoreCommand } from './cli-backup';
import { seedCommand } from './cli-seed';
import { defaultDataDir } from './paths';

/**
 * `npm run cli -- <command> …`: the center's core without a window, through the same router,
 * permissions and audit log as the app. Output is JSON on stdout; errors are JSON on stderr with
 * a non-zero exit. Secrets come from the environment (INSON_PASSWORD, INSON_RECOVERY_CODE), never
 * from arguments, which other users of the PC can read in the process list.
 */
const COMMANDS: Readonly<Record<string, AnyCliCommand>> = {
  ...builtInCommands,
  seed: seedCommand,
  backup: backupCommand,
  restore: restoreCommand,
};

const COMMON_OPTIONS = ['dir'];
/** Options that take no value. */
const FLAGS: ReadonlySet<string> = new Set(['verbose', 'demonstration']);

function usage(): string {
  return ['usage: npm run cli -- <command> [--dir DATA_DIR] …', ...Object.entries(COMMANDS).map(([name, command]) => `  ${name} ${command.usage}`)].join('\n');
}

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const io: CliIo = {
    out: (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    note: (text) => process.stderr.write(`${text}\n`),
  };
  const [name, ...rest] = argv;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    io.note(usage());
    return 2;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    const optionNames = [...COMMON_OPTIONS, ...command.options, 'verbose'];
    parsed = parseArgs({
      args: [...rest],
      allowPositionals: true,
      strict: true,
      options: Object.fromEntries(optionNames.map((option) => [option, { type: FLAGS.has(option) ? 'boolean' : 'string' }])),
    });
  } catch (error) {
    io.note(`${error instanceof Error ? error.message : String(error)}\n${usage()}`);
    return 2;
  }
  const options = Object.fromEntries(
    Object.entries(parsed.values).flatMap(([key, value]) => (typeof value === 'string' ? [[key, value]] : [])),
  ) as Record<string, string>;
  const flags = new Set(Object.entries(parsed.values).flatMap(([key, value]) => (value === true ? [key] : [])));
  let core: Core | null = null;
  const dataDir = resolve(options.dir ?? defaultDataDir());
  try {
    if (command.kind === 'dataDir') return await command.run(dataDir, { positionals: parsed.positionals, options, flags, env }, io);
    core = await createCore({
      dataDir,
      appVersion: APP_VERSION,
      log: parsed.values.verbose === true ? createConsoleLogger() : silentLogger,
    });
    return await command.run(core, { positionals: parsed.positionals, options, flags, env }, io);
  } catch (error) {
    const appError = error instanceof AppError ? error : new AppError('INTERNAL');
    process.stderr.write(`${JSON.stringify({ error: appError.toJSON() })}\n`);
    if (!(error instanceof AppError) && parsed.values.verbose === true) console.error(error);
    return 1;
  } finally {
    await core?.close();
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
