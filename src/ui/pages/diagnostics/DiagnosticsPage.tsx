import { Anchor, Button, Code, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useUiApi } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';

/**
 * Support's view of the API: send any method with a JSON input and see the result or the typed,
 * localized error exactly as every other screen would show it. The core still checks every call,
 * so this door opens nothing a role may not do.
 */
export function DiagnosticsPage() {
  const { t } = useTranslation();
  const api = useUiApi();
  const [method, setMethod] = useState('system.info');
  const [inputText, setInputText] = useState('{}');
  const [jsonError, setJsonError] = useState(false);
  const call = useMutation({ mutationFn: ({ name, input }: { name: string; input: unknown }) => api.invokeRaw(name, input) });

  function submit(event: FormEvent) {
    event.preventDefault();
    let input: unknown;
    try {
      input = JSON.parse(inputText) as unknown;
    } catch {
      setJsonError(true);
      return;
    }
    setJsonError(false);
    call.mutate({ name: method.trim(), input });
  }

  return (
    <Stack maw={720}>
      <Anchor component={Link} to="/" size="sm">
        ← {t('common:nav.backHome')}
      </Anchor>
      <Title order={2}>{t('common:diagnostics.title')}</Title>
      <Text>{t('common:diagnostics.intro')}</Text>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label={t('common:diagnostics.method')} value={method} onChange={(e) => setMethod(e.currentTarget.value)} required />
          <Textarea
            label={t('common:diagnostics.input')}
            value={inputText}
            onChange={(e) => setInputText(e.currentTarget.value)}
            error={jsonError ? t('common:diagnostics.invalidJson') : undefined}
            autosize
            minRows={2}
            styles={{ input: { fontFamily: 'monospace' } }}
          />
          <Button type="submit" loading={call.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('common:diagnostics.send')}
          </Button>
        </Stack>
      </form>
      <ErrorAlert error={call.error} />
      {call.isSuccess && (
        <section aria-label={t('common:diagnostics.result')}>
          <Code block>{JSON.stringify(call.data, null, 2)}</Code>
        </section>
      )}
    </Stack>
  );
}
