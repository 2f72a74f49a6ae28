import { Alert, Button, Paper, Stack, Title } from '@mantine/core';
import { useEffect } from 'react';
import { FormProvider } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { centerProfileSchema } from '../../../core/center/center.schema';
import type { OutputOf } from '../../../core/client';
import { useApiMutation } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerIssues, useZodForm } from '../../forms/zod-form';
import { CenterFields } from './CenterFields';

const profileFormSchema = z.object({ center: centerProfileSchema });

type CenterProfile = OutputOf<'center.get'>;

/**
 * The center's name, type, region and district, as at setup; saving sends the new profile to the
 * registry with the next batch (`center.updateProfile`).
 */
export function CenterProfileForm({ center }: { readonly center: CenterProfile }) {
  const { t } = useTranslation();
  const form = useZodForm(profileFormSchema, { defaultValues: { center: profileOf(center) } });
  const save = useApiMutation('center.updateProfile', {
    onError: (error) => applyServerIssues(form, error, ['center']),
  });
  const { reset } = form;
  useEffect(() => {
    reset({ center: profileOf(center) });
  }, [center, reset]);

  return (
    <Paper p="md" withBorder>
      <FormProvider {...form}>
        <form onSubmit={form.handleSubmit((input) => save.mutate(input.center))} noValidate aria-labelledby="center-profile-title">
          <Stack>
            <Title order={3} id="center-profile-title">
              {t('common:center.profile')}
            </Title>
            <CenterFields />
            {save.isSuccess && !form.formState.isDirty && (
              <Alert color="teal" role="status">
                {t('common:center.profileSaved')}
              </Alert>
            )}
            <ErrorAlert error={save.error} />
            <Button type="submit" loading={save.isPending} style={{ alignSelf: 'flex-start' }}>
              {t('common:center.saveProfile')}
            </Button>
          </Stack>
        </form>
      </FormProvider>
    </Paper>
  );
}

function profileOf(center: CenterProfile) {
  return { name: center.name, type: center.type, regionCode: center.regionCode, districtCode: center.districtCode };
}
