/**
 * Child process for the crash test: starts a core over a center, signs the administrator in and
 * backs up into the center's backup folder, stopping for good when the run reaches `stage` (it
 * prints `at <stage>` and waits there to be killed). Run:
 * node --import tsx backup-kill.fixture.ts <dataDir> <stage> <username> <password>
 */
import { clientOf, startTestCore } from '../testing/test-center';
import { backUpNow } from './backup.service';

async function main(dataDir: string, stage: string, username: string, password: string): Promise<void> {
  const core = await startTestCore(dataDir);
  await clientOf(core, 'fixture').invoke('auth.signIn', { username, password });
  const session = core.services.sessions.get('fixture');
  if (session === null) throw new Error('not signed in');
  await backUpNow(core.services, session.userId, {
    onStage: async (reached) => {
      if (reached !== stage) return;
      process.stdout.write(`at ${reached}\n`);
      await new Promise(() => undefined);
    },
  });
  process.stdout.write('finished\n');
}

const [dataDir, stage, username, password] = process.argv.slice(2);
if (!dataDir || !stage || !username || !password) throw new Error('usage: backup-kill.fixture.ts <dataDir> <stage> <username> <password>');
void main(dataDir, stage, username, password).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
