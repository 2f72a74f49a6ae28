/**
 * When a downloaded update may be installed: only when no window has a form with unsaved input
 * and the user has just said yes. Pure: the Electron shell feeds it events (dirty forms from each
 * window, the user's answer, a verified download) and does what it answers.
 */

export interface InstallConditions {
  readonly hasDirtyForm: boolean;
  readonly userAgreed: boolean;
}

export type InstallDecision = { readonly install: true } | { readonly install: false; readonly waitingFor: 'forms' | 'user' };

/** @example canInstallNow({ hasDirtyForm: false, userAgreed: true }) // { install: true } */
export function canInstallNow(conditions: InstallConditions): InstallDecision {
  if (conditions.hasDirtyForm) return { install: false, waitingFor: 'forms' };
  if (!conditions.userAgreed) return { install: false, waitingFor: 'user' };
  return { install: true };
}

export type UpdatePhase =
  | { readonly phase: 'idle' }
  | { readonly phase: 'downloading'; readonly version: string }
  /** Downloaded and verified (size, SHA-512, agency signature): waiting for the user. */
  | { readonly phase: 'ready'; readonly version: string; readonly file: string }
  | { readonly phase: 'installing'; readonly version: string; readonly file: string }
  /** The update was refused or failed; the running version stays, the next check starts over. */
  | { readonly phase: 'failed'; readonly version: string; readonly reason: string };

export type AgreeOutcome =
  | { readonly kind: 'install'; readonly version: string; readonly file: string }
  | { readonly kind: 'wait'; readonly waitingFor: 'forms' }
  | { readonly kind: 'nothingReady' };

export interface UpdateFlow {
  readonly state: UpdatePhase;
  readonly hasDirtyForm: boolean;
  /** A window reports whether it holds a form with unsaved input (`source`: the window). */
  setDirtyForms(source: string, isDirty: boolean): void;
  /** A window closed: its forms no longer count. */
  forget(source: string): void;
  downloading(version: string): void;
  /** The download finished and passed every check. */
  ready(version: string, file: string): void;
  failed(version: string, reason: string): void;
  /**
   * The user pressed "install and restart". Answers `install` only if nothing is unsaved at this
   * moment; a yes given while a form is dirty is not kept (the user may type on for an hour).
   */
  agree(): AgreeOutcome;
}

/** @example const flow = createUpdateFlow(); flow.ready('1.3.0', file); if (flow.agree().kind === 'install') … */
export function createUpdateFlow(): UpdateFlow {
  let state: UpdatePhase = { phase: 'idle' };
  const dirtySources = new Set<string>();
  return {
    get state() {
      return state;
    },
    get hasDirtyForm() {
      return dirtySources.size > 0;
    },
    setDirtyForms(source, isDirty) {
      if (isDirty) dirtySources.add(source);
      else dirtySources.delete(source);
    },
    forget(source) {
      dirtySources.delete(source);
    },
    downloading(version) {
      if (state.phase === 'installing') return;
      state = { phase: 'downloading', version };
    },
    ready(version, file) {
      if (state.phase === 'installing') return;
      state = { phase: 'ready', version, file };
    },
    failed(version, reason) {
      if (state.phase === 'installing') return;
      state = { phase: 'failed', version, reason };
    },
    agree() {
      if (state.phase !== 'ready') return { kind: 'nothingReady' };
      const decision = canInstallNow({ hasDirtyForm: dirtySources.size > 0, userAgreed: true });
      if (!decision.install) return { kind: 'wait', waitingFor: 'forms' };
      state = { phase: 'installing', version: state.version, file: state.file };
      return { kind: 'install', version: state.version, file: state.file };
    },
  };
}
