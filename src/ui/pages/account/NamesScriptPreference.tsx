import { Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiMutation, useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { notifyDone } from '../../components/notify';

/**
 * One's own choice to read client names in the interface's script (`staff.setMyPreferences`).
 * The switch follows the core's answer, so it never shows a choice that was not saved.
 */
export function NamesScriptPreference() {
  const { t } = useTranslation();
  const preferences = useApiQuery('staff.myPreferences', {});
  const save = useApiMutation('staff.setMyPreferences', { onSuccess: () => notifyDone(t('auth:account.names.saved'), t('common:actions.close')) });
  const isOn = save.isPending ? save.variables.namesInReaderScript : (preferences.data?.namesInReaderScript ?? false);
  return (
    <Paper p="md" withBorder component="section" aria-labelledby="names-script-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="names-script-title">
          {t('auth:account.names.title')}
        </Title>
        <Switch
          checked={isOn}
          disabled={preferences.data === undefined || save.isPending}
          onChange={(event) => save.mutate({ namesInReaderScript: event.currentTarget.checked })}
          label={t('auth:account.names.label')}
          // Mantine puts `description` inside the label, which would make the whole paragraph the switch's name.
          aria-describedby="names-script-description"
        />
        <Text size="sm" c="dimmed" id="names-script-description">
          {t('auth:account.names.description')}
        </Text>
        <ErrorAlert error={preferences.error ?? save.error} />
      </Stack>
    </Paper>
  );
}
