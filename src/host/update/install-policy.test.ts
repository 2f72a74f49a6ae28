import { describe, expect, it } from 'vitest';
import { canInstallNow, createUpdateFlow } from './install-policy';

describe('canInstallNow', () => {
  it('installs only with no unsaved form and the user agreeing', () => {
    expect(canInstallNow({ hasDirtyForm: false, userAgreed: true })).toEqual({ install: true });
    expect(canInstallNow({ hasDirtyForm: true, userAgreed: true })).toEqual({ install: false, waitingFor: 'forms' });
    expect(canInstallNow({ hasDirtyForm: false, userAgreed: false })).toEqual({ install: false, waitingFor: 'user' });
    expect(canInstallNow({ hasDirtyForm: true, userAgreed: false })).toEqual({ install: false, waitingFor: 'forms' });
  });
});

describe('the update flow', () => {
  it('defers the install while any window has a dirty form, and until the user agrees', () => {
    const flow = createUpdateFlow();
    expect(flow.agree()).toEqual({ kind: 'nothingReady' });
    flow.downloading('1.3.0');
    expect(flow.agree()).toEqual({ kind: 'nothingReady' });
    flow.ready('1.3.0', '/cache/INSON-Center-Setup-1.3.0.exe');
    // Ready, but nobody has said yes: nothing happens by itself.
    expect(flow.state.phase).toBe('ready');

    flow.setDirtyForms('window-1', true);
    flow.setDirtyForms('window-2', true);
    expect(flow.agree()).toEqual({ kind: 'wait', waitingFor: 'forms' });
    flow.setDirtyForms('window-1', false);
    expect(flow.hasDirtyForm).toBe(true);
    expect(flow.agree()).toEqual({ kind: 'wait', waitingFor: 'forms' });
    // The yes given while a form was dirty was not kept: cleaning the form installs nothing.
    flow.forget('window-2');
    expect(flow.hasDirtyForm).toBe(false);
    expect(flow.state.phase).toBe('ready');

    expect(flow.agree()).toEqual({ kind: 'install', version: '1.3.0', file: '/cache/INSON-Center-Setup-1.3.0.exe' });
    expect(flow.state.phase).toBe('installing');
    // Once installing, a late failure report or second yes changes nothing.
    flow.failed('1.3.0', 'late');
    expect(flow.state.phase).toBe('installing');
    expect(flow.agree()).toEqual({ kind: 'nothingReady' });
  });

  it('a failed download leaves nothing to install', () => {
    const flow = createUpdateFlow();
    flow.downloading('1.3.0');
    flow.failed('1.3.0', 'interrupted');
    expect(flow.state).toEqual({ phase: 'failed', version: '1.3.0', reason: 'interrupted' });
    expect(flow.agree()).toEqual({ kind: 'nothingReady' });
  });
});
