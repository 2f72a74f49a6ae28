import type { z } from 'zod';
import type { CoreServices } from '../core';
import type { Permission } from './permissions';
import type { Session } from './session';

/**
 * Who may call a method: anyone (`public`, e.g. `system.info` before sign-in), any signed-in
 * staff member (`signedIn`), or holders of one permission.
 */
export type MethodAccess = 'public' | 'signedIn' | Permission;

export interface MethodContext {
  readonly core: CoreServices;
  readonly connectionId: string;
  /** Null only for `public` methods called before sign-in. */
  readonly session: Session | null;
}

/** The context handed to non-public methods: the router guarantees a session. */
export interface SignedInContext extends MethodContext {
  readonly session: Session;
}

export interface MethodDef<N extends string, I extends z.ZodType, O> {
  readonly name: N;
  readonly input: I;
  readonly access: MethodAccess;
  /** Methods the lock screen needs (unlock, sign-out) run on a locked session. */
  readonly allowWhenLocked?: boolean;
  /** Methods a user with a temporary password may still call (change it, sign out). */
  readonly allowWhenPasswordChangeRequired?: boolean;
  readonly handler: (ctx: SignedInContext, input: z.output<I>) => O | Promise<O>;
}

/** A method of any name, input and output, as the router stores it. */
export interface AnyMethod {
  readonly name: string;
  readonly input: z.ZodType;
  readonly access: MethodAccess;
  readonly allowWhenLocked?: boolean;
  readonly allowWhenPasswordChangeRequired?: boolean;
  readonly handler: (ctx: SignedInContext, input: never) => unknown;
}

/**
 * Declares one `domain.verb` method.
 *
 * @example
 * export const info = defineMethod({
 *   name: 'system.info',
 *   input: z.object({}),
 *   access: 'public',
 *   handler: (ctx) => ({ version: ctx.core.appVersion }),
 * });
 */
export function defineMethod<const N extends `${string}.${string}`, I extends z.ZodType, O>(
  def: MethodDef<N, I, O>,
): MethodDef<N, I, O> {
  return def;
}

/** The handler of a `public` method may see a null session; this keeps its signature honest. */
export function publicHandler<I, O>(
  handler: (ctx: MethodContext, input: I) => O,
): (ctx: SignedInContext, input: I) => O {
  return handler;
}
