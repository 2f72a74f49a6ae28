import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api/api';
import { ActorPasswordDialog } from './ActorPasswordDialog';

/**
 * A new key for counseling notes (`staff.rotateConfidentialKey`): the holder types her own password
 * again; every note moves to the new key in the background while she stays signed in (and goes on
 * at her next sign-in); colleagues who held the old key receive the new one from her in person.
 */
export function RotateConfidentialKeyDialog({ onDone, onCancel }: { readonly onDone: (holdersToRegrant: number) => void; readonly onCancel: () => void }) {
  const { t } = useTranslation();
  const rotate = useApiMutation('staff.rotateConfidentialKey', { onSuccess: (result) => onDone(result.holdersToRegrant) });
  return (
    <ActorPasswordDialog
      title={t('staff:confidential.rotate.title')}
      explanation={t('staff:confidential.rotate.explanation')}
      submitLabel={t('staff:confidential.rotate.submit')}
      isPending={rotate.isPending}
      error={rotate.error}
      onSubmit={(actorPassword) => rotate.mutate({ actorPassword })}
      onCancel={onCancel}
    />
  );
}
