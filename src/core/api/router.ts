import { runWritePath } from '../audit/run-write';
import { actorOf, type CoreServices, type WriteContext } from './context';
import { AppError, type AppErrorJson } from './errors';
import type { AnyMethod } from './method';
import type { Session } from './session';

/**
 * What every transport sends back: a result or a typed error, never a stack trace. A write's
 * result says what it changed (`changed`: read method names or `domain.*`), so clients refresh
 * exactly those queries.
 */
export type CallOutcome =
  | { readonly ok: true; readonly result: unknown; readonly changed?: readonly string[] }
  | { readonly ok: false; readonly error: AppErrorJson };

export interface Router {
  /** Validates, checks access, runs the handler (a write inside the write path); never throws. */
  call(core: CoreServices, connectionId: string, method: string, rawInput: unknown): Promise<CallOutcome>;
  has(method: string): boolean;
}

const METHOD_NAME = /^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/;

/**
 * Builds the router over the method table; a name registered twice stops start-up.
 *
 * @example const router = createRouter(methods); await router.call(core, 'cli', 'system.info', {})
 */
export function createRouter(methods: readonly AnyMethod[]): Router {
  const table = new Map<string, AnyMethod>();
  for (const method of methods) {
    if (!METHOD_NAME.test(method.name)) throw new Error(`API method name must be domain.verb: ${method.name}`);
    if (table.has(method.name)) throw new Error(`API method registered twice: ${method.name}`);
    table.set(method.name, method);
  }

  function checkAccess(core: CoreServices, connectionId: string, name: string, method: AnyMethod): Session | null {
    const session = core.sessions.get(connectionId);
    if (method.access === 'public') return session;
    if (!session) throw new AppError('UNAUTHENTICATED');
    core.expireIdleSession(connectionId, session);
    if (session.isLocked && !method.allowWhenLocked) throw new AppError('LOCKED');
    if (session.mustChangePassword && !method.allowWhenPasswordChangeRequired) throw new AppError('PASSWORD_CHANGE_REQUIRED');
    if (method.access !== 'signedIn' && !core.permissions.has(session.role, method.access)) throw new AppError('FORBIDDEN', { method: name });
    if (!session.isLocked) session.lastActivityMs = core.now().getTime();
    return session;
  }

  function parseInput(method: AnyMethod, rawInput: unknown): unknown {
    const parsed = method.input.safeParse(rawInput ?? {});
    if (parsed.success) return parsed.data;
    throw new AppError('INVALID_INPUT', {
      issues: parsed.error.issues.map((issue) => ({
        path: issue.path.map(String),
        code: issue.code,
        // zod's own message is English; the UI localizes by `code` and `path` and keeps this as a fallback.
        message: issue.message,
      })),
    });
  }

  async function run(core: CoreServices, connectionId: string, name: string, rawInput: unknown): Promise<CallOutcome> {
    const method = table.get(name);
    if (!method) throw new AppError('UNKNOWN_METHOD', { method: name });
    const session = checkAccess(core, connectionId, name, method);
    const input = parseInput(method, rawInput);

    if (method.kind === 'core') {
      if (method.access !== 'public' && session === null) throw new AppError('UNAUTHENTICATED');
      const result = await method.handler({ core, connectionId, session }, input);
      return { ok: true, result, ...(method.invalidates ? { changed: method.invalidates } : {}) };
    }
    if (session === null) throw new AppError('UNAUTHENTICATED');
    const actor = actorOf(session, core.permissions);
    const store = core.store.require();
    if (method.kind === 'read') {
      const now = core.now();
      const noteRead = (entity: { readonly entityType: string; readonly entityId: string }) =>
        core.readAudit.note({ actorId: actor.userId, entityType: entity.entityType, entityId: entity.entityId, via: name, at: now });
      return { ok: true, result: await method.handler({ db: store.db, actor, now, log: core.log, noteRead }, input) };
    }
    const options = { ...core.writeOptions(method.name), now: core.now() };
    const result = await runWritePath(store, actor.userId, (scope) => {
      const ctx: WriteContext = {
        trx: scope.trx,
        actorId: scope.actorId,
        now: scope.now,
        audit: (event) => scope.audit(event),
        outbox: (entry) => scope.outbox(entry),
        auditMany: (events) => scope.auditMany(events),
        outboxMany: (entries) => scope.outboxMany(entries),
        actor,
        log: core.log,
      };
      return Promise.resolve(method.handler(ctx, input));
    }, options);
    method.afterCommit?.(core, result);
    return { ok: true, result, changed: [`${name.slice(0, name.indexOf('.'))}.*`, ...(method.invalidates ?? [])] };
  }

  return {
    has: (name) => table.has(name),
    async call(core, connectionId, name, rawInput) {
      try {
        return await run(core, connectionId, name, rawInput);
      } catch (error) {
        if (error instanceof AppError) return { ok: false, error: error.toJSON() };
        // Only the method name and the error's class: a message may carry personal data.
        core.log.error('api.unhandled', { method: name, errorName: error instanceof Error ? error.name : typeof error });
        return { ok: false, error: new AppError('INTERNAL').toJSON() };
      }
    },
  };
}
