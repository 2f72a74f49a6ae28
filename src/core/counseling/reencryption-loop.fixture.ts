/**
 * Child process for the re-encryption SIGKILL loop (reencryption-kill-loop.test.ts): a real core
 * over an existing center whose psychologist holds the confidential key, signed in as her (which
 * resumes a job a kill interrupted), then rotating the key and waiting for the job, again and
 * again, until it is killed. Each step is announced on stdout, one JSON line, written
 * synchronously. Run: node --import tsx reencryption-loop.fixture.ts <dataDir> <username> <password>
 */
import { writeSync } from 'node:fs';
import { clientOf, startTestCore } from '../testing/test-center';

const say = (op: string): void => {
  writeSync(1, `${JSON.stringify({ op })}\n`);
};

async function main(dataDir: string, username: string, password: string): Promise<void> {
  const core = await startTestCore(dataDir);
  const psychologist = clientOf(core, 'loop-psychologist');
  await psychologist.invoke('auth.signIn', { username, password });
  say('signedIn');
  await core.services.auth.reencryption?.done;
  for (;;) {
    say('rotate');
    await psychologist.invoke('staff.rotateConfidentialKey', { actorPassword: password });
    await core.services.auth.reencryption?.done;
    say('rotated');
  }
}

const [dataDir, username, password] = process.argv.slice(2);
if (!dataDir || !username || !password) throw new Error('usage: reencryption-loop.fixture.ts <dataDir> <username> <password>');
void main(dataDir, username, password).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
