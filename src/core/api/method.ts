import type { z } from 'zod';
import type { CoreContext, CoreServices, ReadContext, WriteContext } from './context';
import type { Permission } from './permissions';
import type { Session } from './session';

/**
 * Who may call a method: anyone (`public`, e.g. `system.info` before sign-in), any signed-in
 * staff member (`signedIn`), or holders of one permission. The declared access is the method's
 * real rule; finer rules about one record are pure policy functions in the domain.
 */
export type MethodAccess = 'public' | 'signedIn' | Permission;
type SignedInAccess = Exclude<MethodAccess, 'public'>;

/**
 * What a write changes, for clients' caches: read method names (`clients.get`) or whole domains
 * (`clients.*`). The router sends it back with the result; the UI refreshes those queries.
 */
export type Invalidation = `${string}.${string}`;

interface MethodOptions<N extends string, I extends z.ZodType> {
  readonly name: N;
  readonly input: I;
  /** Methods the lock screen needs (unlock, sign-out) run on a locked session. */
  readonly allowWhenLocked?: boolean;
  /** Methods a user with a temporary password may still call (change it, sign out). */
  readonly allowWhenPasswordChangeRequired?: boolean;
}

/** Reads: a read-only handle, never the write path. */
export interface ReadMethodDef<N extends string, I extends z.ZodType, O> extends MethodOptions<N, I> {
  readonly kind: 'read';
  readonly access: SignedInAccess;
  readonly handler: (ctx: ReadContext, input: z.output<I>) => O | Promise<O>;
}

/** Writes: the router opens the write path around the handler; its audit action defaults to `name`. */
export interface WriteMethodDef<N extends string, I extends z.ZodType, O> extends MethodOptions<N, I> {
  readonly kind: 'write';
  readonly access: SignedInAccess;
  /** What else the write changes besides its own domain (`<domain>.*` is always included). */
  readonly invalidates?: readonly Invalidation[];
  readonly handler: (ctx: WriteContext, input: z.output<I>) => O | Promise<O>;
  /** Runs after the commit, for in-memory state that follows the record (e.g. the lock timeout). */
  readonly afterCommit?: (core: CoreServices, output: Awaited<O>) => void;
}

/** Session and key methods (sign-in, setup, staff slots): the wide context, writes through `core.writeOptions()`. */
export interface CoreMethodDef<N extends string, I extends z.ZodType, O, S extends Session | null = Session> extends MethodOptions<N, I> {
  readonly kind: 'core';
  readonly access: [S] extends [Session] ? SignedInAccess : 'public';
  readonly invalidates?: readonly Invalidation[];
  readonly handler: (ctx: CoreContext<S>, input: z.output<I>) => O | Promise<O>;
}

interface AnyMethodBase {
  readonly name: string;
  readonly input: z.ZodType;
  readonly allowWhenLocked?: boolean;
  readonly allowWhenPasswordChangeRequired?: boolean;
}

/*
 * A method of any kind, name, input and output, as the router stores it. Method syntax (not
 * function-typed properties) on purpose: parameters of methods are checked bivariantly, so every
 * concrete definition fits here while the router still calls it with the real context type.
 */
export type AnyMethod =
  | (AnyMethodBase & {
      readonly kind: 'read';
      readonly access: SignedInAccess;
      handler(ctx: ReadContext, input: unknown): unknown;
    })
  | (AnyMethodBase & {
      readonly kind: 'write';
      readonly access: SignedInAccess;
      readonly invalidates?: readonly Invalidation[];
      handler(ctx: WriteContext, input: unknown): unknown;
      afterCommit?(core: CoreServices, output: unknown): void;
    })
  | (AnyMethodBase & {
      readonly kind: 'core';
      readonly access: MethodAccess;
      readonly invalidates?: readonly Invalidation[];
      handler(ctx: CoreContext<Session | null>, input: unknown): unknown;
    });

type MethodName = `${string}.${string}`;

/**
 * Declares one read method.
 *
 * @example
 * export const get = defineRead({
 *   name: 'center.get',
 *   input: z.object({}),
 *   access: 'signedIn',
 *   handler: async (ctx) => toCenterProfile(await requireCenter(ctx.db)),
 * });
 */
export function defineRead<const N extends MethodName, I extends z.ZodType, O>(def: Omit<ReadMethodDef<N, I, O>, 'kind'>): ReadMethodDef<N, I, O> {
  return { ...def, kind: 'read' };
}

/**
 * Declares one write method; the router runs its handler inside the one write path.
 *
 * @example
 * export const record = defineWrite({
 *   name: 'consents.record',
 *   input: recordConsentInput,
 *   access: 'consents.write',
 *   invalidates: ['clients.*', 'timeline.*'],
 *   handler: (w, input) => recordConsent(w, input),
 * });
 */
export function defineWrite<const N extends MethodName, I extends z.ZodType, O>(def: Omit<WriteMethodDef<N, I, O>, 'kind'>): WriteMethodDef<N, I, O> {
  return { ...def, kind: 'write' };
}

/**
 * Declares a signed-in method that needs the wide context (sessions, keys, the keyring).
 *
 * @example
 * export const lock = defineCoreMethod({ name: 'auth.lock', input: z.object({}), access: 'signedIn', handler: (ctx) => { ctx.session.isLocked = true; } });
 */
export function defineCoreMethod<const N extends MethodName, I extends z.ZodType, O>(
  def: Omit<CoreMethodDef<N, I, O, Session>, 'kind'>,
): CoreMethodDef<N, I, O, Session> {
  return { ...def, kind: 'core' };
}

/**
 * Declares a public method (before sign-in): the wide context with a session that may be null.
 *
 * @example
 * export const info = definePublic({ name: 'system.info', input: z.object({}), handler: (ctx) => ({ version: ctx.core.appVersion }) });
 */
export function definePublic<const N extends MethodName, I extends z.ZodType, O>(
  def: Omit<CoreMethodDef<N, I, O, Session | null>, 'kind' | 'access'>,
): CoreMethodDef<N, I, O, Session | null> {
  return { ...def, kind: 'core', access: 'public' };
}
