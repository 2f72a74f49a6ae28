/**
 * Child process for the SIGKILL loop (keyring-kill-loop.test.ts): a real core over an existing
 * center, signed in as its administrator, making staff changes (`mode` staff) or rotating keys
 * (`mode` rotate) as fast as it can until it is killed. Each step is announced on stdout before
 * it starts and after it is done, one JSON line each, written synchronously so no line is lost
 * to the kill. Run: node --import tsx staff-changes-loop.fixture.ts <dataDir> <staff|rotate> <adminPassword>
 */
import { randomBytes, randomInt } from 'node:crypto';
import { writeSync } from 'node:fs';
import { clientOf, startTestCore, TEST_ADMIN } from '../testing/test-center';

type Line = { readonly op: string; readonly phase: 'start' | 'done'; readonly user?: string; readonly password?: string; readonly next?: string };
const say = (line: Line): void => {
  writeSync(1, `${JSON.stringify(line)}\n`);
};

async function main(dataDir: string, mode: string, adminPassword: string): Promise<void> {
  const core = await startTestCore(dataDir);
  const admin = clientOf(core, 'loop-admin');
  await admin.invoke('auth.signIn', { username: TEST_ADMIN.username, password: adminPassword });
  say({ op: 'ready', phase: 'done' });
  let connection = 0;
  const changePassword = async (username: string, temporary: string): Promise<void> => {
    const next = `pw-${username}-${randomBytes(4).toString('hex')}`;
    const api = clientOf(core, `loop-${(connection += 1)}`);
    await api.invoke('auth.signIn', { username, password: temporary });
    say({ op: 'change', phase: 'start', user: username, password: temporary, next });
    await api.invoke('auth.changePassword', { currentPassword: temporary, newPassword: next });
    say({ op: 'change', phase: 'done', user: username, password: next });
    await api.invoke('auth.signOut', {});
  };
  for (;;) {
    if (mode === 'rotate') {
      say({ op: 'rotate', phase: 'start' });
      await admin.invoke('staff.rotateKeys', { actorPassword: adminPassword });
      say({ op: 'rotate', phase: 'done' });
      continue;
    }
    const others = (await admin.invoke('staff.list', {})).filter((member) => member.isActive && member.username !== TEST_ADMIN.username);
    const choice = others.length < 2 ? 0 : randomInt(3);
    if (choice === 0 || others.length === 0) {
      const username = `u${randomBytes(4).toString('hex')}`;
      say({ op: 'add', phase: 'start', user: username });
      const { temporaryPassword } = await admin.invoke('staff.add', { displayName: `Loop ${username}`, username, role: randomInt(2) === 0 ? 'receptionist' : 'trainer' });
      say({ op: 'add', phase: 'done', user: username, password: temporaryPassword });
      await changePassword(username, temporaryPassword);
      continue;
    }
    const member = others[randomInt(others.length)];
    if (!member) continue;
    if (choice === 1) {
      say({ op: 'reset', phase: 'start', user: member.username });
      const { temporaryPassword } = await admin.invoke('staff.resetPassword', { userId: member.id });
      say({ op: 'reset', phase: 'done', user: member.username, password: temporaryPassword });
      await changePassword(member.username, temporaryPassword);
    } else {
      say({ op: 'deactivate', phase: 'start', user: member.username });
      await admin.invoke('staff.deactivate', { userId: member.id });
      say({ op: 'deactivate', phase: 'done', user: member.username });
    }
  }
}

const [dataDir, mode, adminPassword] = process.argv.slice(2);
if (!dataDir || !mode || !adminPassword) throw new Error('usage: staff-changes-loop.fixture.ts <dataDir> <staff|rotate> <adminPassword>');
void main(dataDir, mode, adminPassword).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
