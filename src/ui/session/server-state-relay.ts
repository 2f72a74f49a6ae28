import { AppError } from '../../core/api/errors';

/**
 * Carries "the core says this session is locked / gone" (or the database damaged) from TanStack Query's global error hooks
 * (created with the QueryClient, outside React) to the session state (inside React).
 */
export interface ServerStateRelay {
  report(error: unknown): void;
  subscribe(listener: (code: string) => void): () => void;
}

export function createServerStateRelay(): ServerStateRelay {
  const listeners = new Set<(code: string) => void>();
  return {
    report(error) {
      if (error instanceof AppError && (error.code === 'LOCKED' || error.code === 'UNAUTHENTICATED' || error.code === 'DATABASE_DAMAGED')) {
        for (const listener of listeners) listener(error.code);
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
