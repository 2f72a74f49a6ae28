import { Alert, List, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../core/api/errors';
import { fieldIssuesOf, localizeError, localizeIssue } from '../i18n/issues';

/**
 * Shows an API error the way a person should see it: the localized message for its code, the
 * field problems of invalid input, and the code itself for support; never a stack trace.
 * Each new error takes the keyboard focus and scrolls into view (below the fixed header), so a
 * refusal is never silent or off screen; `focus={false}` for an alert beside a field that has it.
 */
export function ErrorAlert({ error, title, focus = true }: { readonly error: unknown; readonly title?: string; readonly focus?: boolean }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!focus || error === null || error === undefined) return;
    ref.current?.focus({ preventScroll: true });
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, [error, focus]);
  if (error === null || error === undefined) return null;
  const code = error instanceof AppError ? error.code : 'INTERNAL';
  const issues = fieldIssuesOf(error);
  return (
    <Alert ref={ref} tabIndex={-1} data-error-summary color="red" role="alert" title={title ?? t('common:error.title')} data-error-code={code}>
      {localizeError(t, error)}
      {issues.length > 0 && (
        <List size="sm" mt="xs">
          {issues.map((issue, index) => (
            <List.Item key={`${issue.path.join('.')}-${index}`}>
              {(issue.path.length > 0 ? issue.path.join('.') : t('common:error.wholeInput')) + ': ' + localizeIssue(t, issue)}
            </List.Item>
          ))}
        </List>
      )}
      <Text size="xs" c="dimmed" mt="xs">
        {t('common:error.code', { code })}
      </Text>
    </Alert>
  );
}
