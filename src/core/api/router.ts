import type { CoreServices } from '../core';
import { AppError, type AppErrorJson } from './errors';
import type { AnyMethod, SignedInContext } from './method';
import { roleHasPermission } from './permissions';

/** What every transport sends back: a result or a typed error, never a stack trace. */
export type CallOutcome = { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly error: AppErrorJson };

export interface Router {
  /** Validates, checks access, runs the handler; never throws. */
  call(core: CoreServices, connectionId: string, method: string, rawInput: unknown): Promise<CallOutcome>;
  has(method: string): boolean;
}

/**
 * Builds the router over the method table; a name registered twice stops start-up.
 *
 * @example const router = createRouter(methods); await router.call(core, 'cli', 'system.info', {})
 */
export function createRouter(methods: readonly AnyMethod[]): Router {
  const table = new Map<string, AnyMethod>();
  for (const method of methods) {
    if (!/^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/.test(method.name)) {
      throw new Error(`API method name must be domain.verb: ${method.name}`);
    }
    if (table.has(method.name)) throw new Error(`API method registered twice: ${method.name}`);
    table.set(method.name, method);
  }

  async function run(core: CoreServices, connectionId: string, name: string, rawInput: unknown): Promise<unknown> {
    const method = table.get(name);
    if (!method) throw new AppError('UNKNOWN_METHOD', { method: name });

    const session = core.sessions.get(connectionId);
    if (method.access !== 'public') {
      if (!session) throw new AppError('UNAUTHENTICATED');
      core.expireIdleSession(connectionId, session);
      if (session.isLocked && !method.allowWhenLocked) throw new AppError('LOCKED');
      if (session.mustChangePassword && !method.allowWhenPasswordChangeRequired) {
        throw new AppError('PASSWORD_CHANGE_REQUIRED');
      }
      if (method.access !== 'signedIn' && !roleHasPermission(session.role, method.access)) {
        throw new AppError('FORBIDDEN', { method: name });
      }
      if (!session.isLocked) session.lastActivityMs = core.now().getTime();
    }

    const parsed = method.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      throw new AppError('INVALID_INPUT', {
        issues: parsed.error.issues.map((issue) => ({
          path: issue.path.map(String),
          code: issue.code,
          // zod's own message is English; the UI localizes by `code` and `path` and keeps this as a fallback.
          message: issue.message,
        })),
      });
    }
    const ctx = { core, connectionId, session } as SignedInContext;
    return await method.handler(ctx, parsed.data as never);
  }

  return {
    has: (name) => table.has(name),
    async call(core, connectionId, name, rawInput) {
      try {
        return { ok: true, result: await run(core, connectionId, name, rawInput) };
      } catch (error) {
        if (error instanceof AppError) return { ok: false, error: error.toJSON() };
        // Only the method name and the error's class: a message may carry personal data.
        core.log.error('api.unhandled', { method: name, errorName: error instanceof Error ? error.name : typeof error });
        return { ok: false, error: new AppError('INTERNAL').toJSON() };
      }
    },
  };
}
