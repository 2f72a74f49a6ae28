import { Drawer, Loader } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../session/session';
import { SessionDetails } from './SessionDetails';
import { SessionEditor } from './SessionEditor';

/**
 * One session opened from the list, in a drawer: its author's draft opens in the editor (which
 * autosaves), everything else read-only with its signatures, addenda and the actions the reader
 * may take. The session is read once for the editor: the autosave's own changes must not make it
 * read the note again (each read is audited) or replace what is being typed.
 */
function SessionPanel({ clientId, sessionId, onClose }: { readonly clientId: string; readonly sessionId: string; readonly onClose: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const [isEditing, setEditing] = useState<boolean | null>(null);
  const read = useApiQuery('counseling.getSession', { id: sessionId }, { enabled: isEditing !== true });
  const isOwnDraft = read.data?.status === 'draft' && read.data.psychologistId === session.user?.id;
  // Decided once, while rendering (React's pattern for state derived from what arrived): from
  // then on the query is off, so the autosave's invalidations do not read the note again.
  if (isEditing === null && isOwnDraft) setEditing(true);
  if (read.isPending) return <Loader aria-label={t('common:loading')} />;
  if (!read.data) return <ErrorAlert error={read.error} />;
  const view = read.data;
  if (isEditing === true || (isEditing === null && isOwnDraft)) return <SessionEditor clientId={clientId} existing={view} onSigned={() => setEditing(false)} />;
  return <SessionDetails session={view} onVoided={onClose} />;
}

export function SessionDrawer({ clientId, sessionId, onClose }: { readonly clientId: string; readonly sessionId: string | null; readonly onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer
      opened={sessionId !== null}
      onClose={onClose}
      title={t('counselingSessions:view.title')}
      position="right"
      size="xl"
      closeButtonProps={{ 'aria-label': t('common:actions.close') }}
    >
      {sessionId !== null && <SessionPanel key={sessionId} clientId={clientId} sessionId={sessionId} onClose={onClose} />}
    </Drawer>
  );
}
