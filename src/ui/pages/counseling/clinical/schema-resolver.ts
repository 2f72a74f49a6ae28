import type { FieldError, FieldErrors, FieldValues, Path, Resolver, UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import { issueMessageKey } from '../../../forms/zod-form';
import { fieldIssuesOf } from '../../../i18n/issues';

/**
 * Forms whose inputs are not shaped like the core's input (a list typed one item a line, a date
 * that may be left empty): the values are turned into the input, validated with the core's own
 * schema, and each issue is put on the field that shows it (`fieldPathOf`), so the form refuses
 * exactly what the core would, under the right field.
 */

/** Where an issue's path is shown on the form ('' for nowhere: the summary alert shows it). */
export type FieldPathOf = (path: readonly PropertyKey[]) => string;

function messageOf(issue: { readonly code?: string; readonly params?: unknown } & Record<string, unknown>): string {
  const params = issue.params as { reason?: unknown } | undefined;
  if (typeof params?.reason === 'string') return params.reason;
  return issueMessageKey(issue) ?? 'invalid';
}

function setAt(errors: Record<string, unknown>, path: string, error: FieldError): void {
  const parts = path.split('.');
  let node = errors;
  for (const part of parts.slice(0, -1)) {
    node[part] ??= {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts.at(-1) ?? ''] ??= error;
}

/**
 * @example const resolver = schemaResolver(recordSafetyPlanInput, toSafetyPlanInput, safetyPlanFieldPath);
 */
export function schemaResolver<V extends FieldValues, S extends z.ZodType>(schema: S, toInput: (values: V) => z.input<S>, fieldPathOf: FieldPathOf): Resolver<V, unknown, z.output<S>> {
  return (values) => {
    const result = schema.safeParse(toInput(values));
    if (result.success) return { values: result.data, errors: {} };
    const errors: Record<string, unknown> = {};
    for (const issue of result.error.issues) {
      const path = fieldPathOf(issue.path);
      if (path === '') continue;
      setAt(errors, path, { type: issue.code, message: messageOf(issue as never) });
    }
    return { values: {}, errors: errors as FieldErrors<V> };
  };
}

/** The core's INVALID_INPUT issues on the form's fields (the first one focused); whether any was placed. */
export function placeServerIssues<V extends FieldValues>(form: Pick<UseFormReturn<V, unknown, unknown>, 'setError'>, error: unknown, fieldPathOf: FieldPathOf): boolean {
  let placed = false;
  for (const issue of fieldIssuesOf(error)) {
    const path = fieldPathOf(issue.path);
    if (path === '') continue;
    form.setError(path as Path<V>, { type: issue.code, message: issue.message }, { shouldFocus: !placed });
    placed = true;
  }
  return placed;
}

/** A list typed one item a line: the non-empty lines, trimmed. */
export function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
