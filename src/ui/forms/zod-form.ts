import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, type FieldValues, type Path, type UseFormProps, type UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import { fieldIssuesOf } from '../i18n/issues';

/**
 * Zod's English messages never reach the screen: this error map turns the common string issues
 * into message keys (`required`, `minLength?minimum=10`) that `localizeIssue` translates at render
 * time, so a language switch re-translates errors already shown. Schema-level messages (the shared
 * schemas' `password.common` etc.) take precedence over this map and are keys already.
 */
export function issueMessageKey(issue: {
  readonly code?: string;
  readonly origin?: string;
  readonly expected?: string;
  readonly minimum?: unknown;
  readonly maximum?: unknown;
}): string | undefined {
  if (issue.code === 'too_small' && issue.origin === 'string') {
    return Number(issue.minimum) <= 1 ? 'required' : `minLength?minimum=${String(issue.minimum)}`;
  }
  if (issue.code === 'too_big' && issue.origin === 'string') return `maxLength?maximum=${String(issue.maximum)}`;
  // Numbers name their bounds: a settings field refuses 0 or 61 with "From 1 to 60", never clamps it.
  if (issue.code === 'too_small' && issue.origin === 'number') return `numberMin?minimum=${String(issue.minimum)}`;
  if (issue.code === 'too_big' && issue.origin === 'number') return `numberMax?maximum=${String(issue.maximum)}`;
  if (issue.code === 'invalid_type' && issue.expected === 'number') return 'numberRequired';
  return issue.code;
}

/**
 * react-hook-form over one of the core's own zod schemas: the form validates exactly as the core
 * will. Values survive a refused submit (nothing resets them).
 *
 * @example const form = useZodForm(signInInputSchema, { defaultValues: { username: '', password: '' } });
 */
export function useZodForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  props: Omit<UseFormProps<z.input<S>, unknown, z.output<S>>, 'resolver'> = {},
): UseFormReturn<z.input<S>, unknown, z.output<S>> {
  return useForm<z.input<S>, unknown, z.output<S>>({
    mode: 'onSubmit',
    reValidateMode: 'onChange',
    ...props,
    resolver: zodResolver(schema as never, { error: (issue) => issueMessageKey(issue as never) }) as never,
  });
}

/**
 * Puts the core's INVALID_INPUT field issues on the form's fields, so a refusal by the server
 * reads like a refusal by the form. Returns whether any issue was placed.
 */
export function applyServerIssues<T extends FieldValues>(form: Pick<UseFormReturn<T, unknown, unknown>, 'setError'>, error: unknown, prefix: readonly string[] = []): boolean {
  let placed = false;
  for (const issue of fieldIssuesOf(error)) {
    const path = [...prefix, ...issue.path];
    if (path.length === 0) continue;
    form.setError(path.join('.') as Path<T>, { type: issue.code, message: issue.message });
    placed = true;
  }
  return placed;
}
