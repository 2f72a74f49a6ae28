import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api/api';
import { ActorPasswordDialog } from './ActorPasswordDialog';

/**
 * Rotating the keys (`staff.rotateKeys`): the database gets a new key that every remaining
 * account receives; the administrator types her own password again, as for any grave step.
 */
export function RotateKeysDialog({ onDone, onCancel }: { readonly onDone: () => void; readonly onCancel: () => void }) {
  const { t } = useTranslation();
  const rotate = useApiMutation('staff.rotateKeys', { onSuccess: onDone });
  return (
    <ActorPasswordDialog
      title={t('staff:rotate.title')}
      explanation={t('staff:rotate.explanation')}
      submitLabel={t('staff:rotate.submit')}
      isPending={rotate.isPending}
      error={rotate.error}
      onSubmit={(actorPassword) => rotate.mutate({ actorPassword })}
      onCancel={onCancel}
    />
  );
}

/** What the staff page says about keys after a step: rotated, offered after a reset, or rotated with a deactivation. */
export type KeyNotice = { readonly kind: 'rotated' } | { readonly kind: 'offerAfterReset' } | { readonly kind: 'deactivated'; readonly name: string; readonly keysRotated: boolean; readonly notesKeyChangeDue: boolean };
