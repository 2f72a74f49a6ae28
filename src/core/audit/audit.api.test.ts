import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCenter, rejection, type TestCenter } from '../testing/test-center';
import { readChainHead } from './anchors';

describe('audit.chainHead', () => {
  let t: TestCenter<'administrator' | 'manager' | 'receptionist'>;
  beforeAll(async () => {
    t = await createTestCenter({ roles: ['administrator', 'manager', 'receptionist'] });
  }, 60_000);
  afterAll(() => t.dispose());

  it('tells administrators and managers the stored head, moving with each event, and nobody else', async () => {
    const first = await t.as.manager.invoke('audit.chainHead', {});
    expect(first).toEqual(readChainHead(t.behindTheApi().handle));
    expect(first.seq).toBeGreaterThan(0);
    await t.registerClient('head');
    const next = await t.as.administrator.invoke('audit.chainHead', {});
    expect(next.seq).toBeGreaterThan(first.seq);
    expect(next.hash).not.toBe(first.hash);
    expect(await rejection(t.as.receptionist.invoke('audit.chainHead', {}))).toMatchObject({ code: 'FORBIDDEN' });
  });
});
