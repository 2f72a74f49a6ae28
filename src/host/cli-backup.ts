import { resolve } from 'node:path';
import { createApiClient } from '../core/client';
import { AppError } from '../core/api/errors';
import { backUpToFile } from '../core/backup/backup.service';
import { CLI_CONNECTION_ID, type CliCommand } from './cli-commands';
import { createDirectTransport } from './direct-transport';

function usageError(message: string): AppError {
  return new AppError('BAD_REQUEST', { reason: 'usage', message });
}

/**
 * `npm run cli -- backup --dir D --to FILE --user U` (an administrator; INSON_PASSWORD): one
 * backup file, written and checked exactly as the app's scheduled backups are (backup-write.ts),
 * while the app may keep running on the same folder.
 */
export const backupCommand: CliCommand = {
  usage: '--to FILE --user U   (an administrator; password from INSON_PASSWORD; the app may keep running)',
  options: ['to', 'user'],
  async run(core, args, io) {
    const target = args.options.to;
    const username = args.options.user;
    const password = args.env.INSON_PASSWORD;
    if (target === undefined) throw usageError('backup needs --to FILE');
    if (username === undefined || password === undefined || password === '') throw usageError('backup needs --user and INSON_PASSWORD');
    const api = createApiClient(createDirectTransport(core, CLI_CONNECTION_ID));
    await api.invoke('auth.signIn', { username, password });
    const session = core.services.sessions.get(CLI_CONNECTION_ID);
    if (session === null) throw new AppError('UNAUTHENTICATED');
    if (!core.services.permissions.has(session.role, 'backup.manage')) throw new AppError('FORBIDDEN', { permission: 'backup.manage' });
    const written = await backUpToFile(core.services, session.userId, resolve(target), { onStage: (stage) => io.note(`backup: ${stage}`) });
    io.out({ file: written.path, createdAt: written.manifest.createdAt, sizeBytes: written.sizeBytes, sha256: written.sha256, clientCount: written.manifest.clientCount, chainHead: written.manifest.chainHead });
    return 0;
  },
};

/**
 * `npm run cli -- restore --from FILE --dir D2` (INSON_RECOVERY_CODE, or --user U with
 * INSON_PASSWORD): the center back from a backup file into an empty folder, through the same
 * `backup.restore` the first-start screen calls.
 */
export const restoreCommand: CliCommand = {
  usage: '--from FILE [--user U]   (INSON_RECOVERY_CODE, or --user with INSON_PASSWORD; --dir must hold no center)',
  options: ['from', 'user'],
  async run(core, args, io) {
    const from = args.options.from;
    if (from === undefined) throw usageError('restore needs --from FILE');
    const file = resolve(from);
    const recoveryCode = args.env.INSON_RECOVERY_CODE;
    const username = args.options.user;
    const api = createApiClient(createDirectTransport(core, CLI_CONNECTION_ID));
    let result;
    if (username !== undefined) {
      const password = args.env.INSON_PASSWORD;
      if (password === undefined || password === '') throw usageError('restore with --user needs INSON_PASSWORD');
      result = await api.invoke('backup.restore', { file, username, password });
    } else if (recoveryCode !== undefined && recoveryCode !== '') {
      result = await api.invoke('backup.restore', { file, recoveryCode });
    } else throw usageError('restore needs INSON_RECOVERY_CODE, or --user with INSON_PASSWORD');
    io.out(result);
    io.note('Restored. Staff sign in with the passwords they had when the backup was made.');
    return 0;
  },
};
