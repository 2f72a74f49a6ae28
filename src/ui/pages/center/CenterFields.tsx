import { NativeSelect, Radio, Stack, TextInput } from '@mantine/core';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CENTER_TYPES, type CenterProfileInput } from '../../../core/center/center.schema';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useGeoNames } from '../../components/geo-names';
import { fieldError } from '../../forms/field-error';

/**
 * The center's name, type, region and district (districts follow the chosen region, both lists
 * in alphabetical order), under `center.*` of the surrounding form: the setup wizard's first step
 * and the center page's profile form.
 */
export function CenterFields() {
  const { t } = useTranslation();
  const { register, control, setValue, formState } = useFormContext<{ center: CenterProfileInput }>();
  const errors = formState.errors.center;
  const regionCode = useWatch({ control, name: 'center.regionCode' });
  const geo = useGeoNames();
  const language = geo.language;
  const regions = geo.regions;
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
