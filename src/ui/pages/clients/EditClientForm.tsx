import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ClientRecord } from '../../../core/clients/clients.schema';
import { formatPhone } from '../../../core/uz/uz.schema';
import { useApiMutation } from '../../api/api';
import { ClientForm } from './ClientForm';
import { notifyDone } from '../../components/notify';
import type { ClientFormValues } from './client-form';

/** The stored record as the form's values (the reverse of `toRegisterInput`). */
function formValuesOf(client: ClientRecord): ClientFormValues {
  return {
    lastName: client.lastName,
    firstName: client.firstName,
    patronymic: client.patronymic ?? '',
    isBirthYearEstimated: client.isBirthDateEstimated || client.birthDate === null,
    birthDate: client.birthDate ?? '',
    estimatedBirthYear: client.birthDate === null || client.isBirthDateEstimated ? String(client.birthYear) : '',
    sex: client.sex,
    pinfl: client.pinfl ?? '',
    identityDocument: { type: client.identityDocument?.type ?? '', number: client.identityDocument?.number ?? '' },
    phone: client.phone === null ? '' : formatPhone(client.phone),
    address: {
      regionCode: client.address.regionCode ?? '',
      districtCode: client.address.districtCode ?? '',
      mahalla: client.address.mahalla ?? '',
      street: client.address.street ?? '',
    },
    categories: [...client.categories],
    disabilityGroup: client.disabilityGroup ?? '',
    languages: [...client.languages],
    remarks: client.remarks ?? '',
  };
}

/**
 * Edits a client record on the version it was loaded from: the core answers CONFLICT when
 * someone saved in between, and asks again about warnings only when the identity changed.
 */
export function EditClientForm({ client, onDone, onCancel = onDone }: { readonly client: ClientRecord; readonly onDone: () => void; readonly onCancel?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const update = useApiMutation('clients.update', {
    onSuccess: (saved) => {
      queryClient.setQueryData(['clients.get', { id: saved.id }], saved);
      notifyDone(t('common:done.saved'), t('common:actions.close'));
      onDone();
    },
  });
  return (
    <ClientForm
          label={t('clients:edit.title')}
          defaultValues={formValuesOf(client)}
          submitLabel={t('common:actions.save')}
          isSaving={update.isPending}
          save={(input, onError) => update.mutate({ ...input, id: client.id, version: client.version }, { onError })}
          onOpenClient={(id) => void navigate(`/clients/${encodeURIComponent(id)}`)}
          onCancel={onCancel}
        />
  );
}
