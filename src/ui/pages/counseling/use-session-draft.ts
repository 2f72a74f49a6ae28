import { useCallback, useEffect, useRef, useState } from 'react';
import { AppError } from '../../../core/api/errors';
import type { SessionContent } from '../../../core/counseling/counseling.schema';
import { useApi } from '../../api/api';
import { useFlushBeforeLock } from '../../session/session';

/** What the autosave says under the form. */
export type DraftSaveState =
  | { readonly status: 'new' }
  | { readonly status: 'pending' }
  | { readonly status: 'saving' }
  | { readonly status: 'saved'; readonly at: string }
  | { readonly status: 'invalid' }
  /** Someone (another window) saved this draft since: `currentVersion` is theirs. */
  | { readonly status: 'conflict'; readonly currentVersion: number | null }
  | { readonly status: 'failed'; readonly error: unknown };

/** How long typing may pause before the draft is saved. */
export const AUTOSAVE_DELAY_MS = 800;

function conflictVersion(error: unknown): number | null | undefined {
  if (!(error instanceof AppError) || error.code !== 'CONFLICT' || error.details?.['reason'] !== 'sessionChangedMeanwhile') return undefined;
  const version = error.details['version'];
  return typeof version === 'number' ? version : null;
}

export interface SessionDraft {
  readonly state: DraftSaveState;
  /** The version the core holds of this draft (null before its first save). */
  readonly version: number | null;
  /** The form changed: saves after a pause; null content while the form is not a valid draft. */
  changed(content: SessionContent | null): void;
  /** Saves what is pending now and waits for it (before signing, locking, closing). Resolves with the saved version. */
  flush(): Promise<number | null>;
  /** After a conflict: saves this form's content over the other version. */
  overwrite(): Promise<number | null>;
  /** Whether everything typed is in the core. */
  isSaved(): boolean;
}

/**
 * The autosave of one draft through `counseling.saveDraft`: after a pause in typing, at most one
 * save in flight, always with the version this screen last saw (so a save from another window is
 * a CONFLICT said plainly, never silently overwritten). What is typed lives in the form and in the
 * core only, never in browser storage. Before a lock or a sign-out the session flushes it (the
 * lock waits), and on closing the window it is sent once more; a save that failed (the core
 * locked on its own, say) is sent again when the screen is shown again.
 */
export function useSessionDraft(id: string, initialVersion: number | null): SessionDraft {
  const api = useApi();
  const version = useRef(initialVersion);
  const pending = useRef<SessionContent | null>(null);
  const lastSavedJson = useRef<string | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const isBlocked = useRef(false);
  const [state, setState] = useState<DraftSaveState>(initialVersion === null ? { status: 'new' } : { status: 'saved', at: '' });
  const [savedVersion, setSavedVersion] = useState(initialVersion);

  const saveOnce = useCallback(async (): Promise<void> => {
    const content = pending.current;
    if (content === null) return;
    const json = JSON.stringify(content);
    pending.current = null;
    if (json === lastSavedJson.current) return;
    setState({ status: 'saving' });
    try {
      const saved = await api.invoke('counseling.saveDraft', { ...content, id, expectedVersion: version.current });
      version.current = saved.version;
      lastSavedJson.current = json;
      setSavedVersion(saved.version);
      setState(pending.current === null ? { status: 'saved', at: new Date().toISOString() } : { status: 'pending' });
    } catch (error) {
      // Keep the text to send again, unless newer text is waiting already.
      pending.current ??= content;
      const current = conflictVersion(error);
      // After a conflict nothing more is sent until the person chooses (`overwrite`).
      if (current !== undefined) isBlocked.current = true;
      setState(current === undefined ? { status: 'failed', error } : { status: 'conflict', currentVersion: current });
    }
  }, [api, id]);

  const flush = useCallback(async (): Promise<number | null> => {
    clearTimeout(timer.current);
    if (isBlocked.current) return version.current;
    while (inFlight.current !== null) await inFlight.current;
    if (pending.current !== null) {
      const run = saveOnce();
      inFlight.current = run;
      try {
        await run;
      } finally {
        inFlight.current = null;
      }
    }
    return version.current;
  }, [saveOnce]);

  const changed = useCallback(
    (content: SessionContent | null) => {
      clearTimeout(timer.current);
      if (content === null) {
        setState({ status: 'invalid' });
        return;
      }
      pending.current = content;
      if (isBlocked.current) return;
      setState({ status: 'pending' });
      timer.current = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
    },
    [flush],
  );

  const overwrite = useCallback(async (): Promise<number | null> => {
    if (state.status === 'conflict' && state.currentVersion !== null) version.current = state.currentVersion;
    lastSavedJson.current = null;
    isBlocked.current = false;
    return flush();
  }, [flush, state]);

  useFlushBeforeLock(flush);

  // Shown again (after unlock) or closed: send what is still waiting.
  useEffect(() => {
    if (pending.current !== null) void flush();
    const onLeave = () => void flush();
    window.addEventListener('pagehide', onLeave);
    window.addEventListener('beforeunload', onLeave);
    return () => {
      window.removeEventListener('pagehide', onLeave);
      window.removeEventListener('beforeunload', onLeave);
      void flush();
    };
  }, [flush]);

  const isSaved = useCallback(() => pending.current === null && !isBlocked.current && lastSavedJson.current !== null, []);

  return { state, version: savedVersion, changed, flush, overwrite, isSaved };
}
