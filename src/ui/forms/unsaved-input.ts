import { useEffect } from 'react';

/**
 * Tells the desktop app's updater whether any form in this window holds unsaved input, so an
 * update is never installed over it (src/host/update/install-policy.ts). Each form that can hold
 * unsaved input reports through the hook; the window's answer is "any of them". In the browser
 * harness there is no updater and nothing is sent.
 */

const formsWithUnsavedInput = new Set<symbol>();

function tellUpdater(): void {
  const bridge = typeof window === 'undefined' ? undefined : window.inson;
  void bridge?.update({ kind: 'dirtyForms', isDirty: formsWithUnsavedInput.size > 0 }).catch(() => undefined);
}

/** @example useReportsUnsavedInput(form.formState.isDirty); */
export function useReportsUnsavedInput(hasUnsavedInput: boolean): void {
  useEffect(() => {
    if (!hasUnsavedInput) return undefined;
    const form = Symbol('form');
    formsWithUnsavedInput.add(form);
    tellUpdater();
    return () => {
      formsWithUnsavedInput.delete(form);
      tellUpdater();
    };
  }, [hasUnsavedInput]);
}
