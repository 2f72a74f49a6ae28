import { NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useGeoNames } from '../../components/geo-names';
import { clientFieldError } from './client-form';
import type { ClientForm } from './ClientIdentityFields';

/** Region, then a district of that region (SOATO, from `geo.regions`), mahalla and street. */
export function ClientAddressFields({ form }: { readonly form: ClientForm }) {
  const { t } = useTranslation();
  const geo = useGeoNames();
  const { errors } = form.formState;
  const regionCode = form.watch('address.regionCode');
  const region = geo.regions.find((candidate) => candidate.code === regionCode);
  // The selects are uncontrolled: a value set before their options arrived (the center's place on a
  // new form, the stored place on an edit) is put back into them once the lists have loaded.
  const hasRegions = geo.regions.length > 0;
  useEffect(() => {
    if (!hasRegions) return;
    for (const name of ['address.regionCode', 'address.districtCode'] as const) form.setValue(name, form.getValues(name));
  }, [hasRegions, form]);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <NativeSelect
        label={t('clients:field.region')}
        {...form.register('address.regionCode', { onChange: () => form.setValue('address.districtCode', '') })}
        error={clientFieldError(t, errors.address?.regionCode)}
        data={[{ value: '', label: t('clients:field.choose') }, ...geo.regions.map((item) => ({ value: item.code, label: item.name[geo.language] }))]}
      />
      <NativeSelect
        label={t('clients:field.district')}
        disabled={!region}
        {...form.register('address.districtCode')}
        error={clientFieldError(t, errors.address?.districtCode)}
        data={[{ value: '', label: t('clients:field.choose') }, ...(region?.districts ?? []).map((item) => ({ value: item.code, label: item.name[geo.language] }))]}
      />
      <TextInput label={t('clients:field.mahalla')} {...form.register('address.mahalla')} error={clientFieldError(t, errors.address?.mahalla)} autoComplete="off" />
      <TextInput label={t('clients:field.street')} {...form.register('address.street')} error={clientFieldError(t, errors.address?.street)} autoComplete="off" />
    </SimpleGrid>
  );
}
