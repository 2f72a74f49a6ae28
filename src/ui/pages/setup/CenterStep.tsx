import { NativeSelect, Radio, Stack, TextInput } from '@mantine/core';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CENTER_TYPES } from '../../../core/center/center.schema';
import { useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldError } from '../../forms/field-error';
import { currentLanguage } from '../../i18n/i18n';
import type { SetupFormInput } from './setup-form';

/** Step 1: the center's name, type, region and district (districts follow the chosen region). */
export function CenterStep() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { register, control, setValue, formState } = useFormContext<SetupFormInput>();
  const errors = formState.errors.center;
  const regionCode = useWatch({ control, name: 'center.regionCode' });
  const geo = useApiQuery('geo.regions', {}, { staleTime: Infinity });
  const regions = geo.data?.regions ?? [];
  const districts = regions.find((region) => region.code === regionCode)?.districts ?? [];

  return (
    <Stack>
      <ErrorAlert error={geo.error} />
      <TextInput label={t('setup:center.name')} {...register('center.name')} error={fieldError(t, errors?.name)} autoComplete="organization" />
      <Controller
        control={control}
        name="center.type"
        render={({ field }) => (
          <Radio.Group label={t('setup:center.type')} value={field.value} onChange={field.onChange} error={fieldError(t, errors?.type)}>
            <Stack gap="xs" mt="xs">
              {CENTER_TYPES.map((type) => (
                <Radio key={type} value={type} label={t(`setup:centerTypes.${type}`)} />
              ))}
            </Stack>
          </Radio.Group>
        )}
      />
      <NativeSelect
        label={t('setup:center.region')}
        {...register('center.regionCode', { onChange: () => setValue('center.districtCode', '') })}
        error={fieldError(t, errors?.regionCode)}
        data={[{ value: '', label: t('setup:center.chooseRegion') }, ...regions.map((region) => ({ value: region.code, label: region.name[language] }))]}
      />
      <NativeSelect
        label={t('setup:center.district')}
        {...register('center.districtCode')}
        disabled={districts.length === 0}
        error={fieldError(t, errors?.districtCode)}
        data={[{ value: '', label: t('setup:center.chooseDistrict') }, ...districts.map((district) => ({ value: district.code, label: district.name[language] }))]}
      />
    </Stack>
  );
}
