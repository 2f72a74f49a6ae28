import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { nameInScript, readerNameScript, type Script } from '../../core/uz/reader-script.policy';
import { useApiQuery } from '../api/api';
import { currentLanguage } from '../i18n/i18n';
import { fullName as typedFullName } from '../pages/clients/client-format';
import { useSession } from '../session/session';

type NameParts = Parameters<typeof typedFullName>[0];

export interface ReaderNames {
  /** The script names are shown in, or null when the reader sees them as typed. */
  readonly script: Script | null;
  /** One name text (a list's `clientName`, `learnerName`) in the reader's script. */
  name(text: string): string;
  /** Last, first, patronymic, in the reader's script. */
  fullName(client: NameParts): string;
}

/**
 * Client names as this staff member chose to read them (her own preference, `staff.myPreferences`,
 * in the interface's script). Every list and heading of client names goes through it; the
 * identity card does not: it shows the name as typed.
 *
 * @example const names = useReaderNames(); <Title>{names.fullName(record)}</Title>
 */
export function useReaderNames(): ReaderNames {
  const { i18n } = useTranslation();
  const { user } = useSession();
  const preferences = useApiQuery('staff.myPreferences', {}, { enabled: user !== null, staleTime: Infinity });
  const script = readerNameScript(currentLanguage(i18n), preferences.data?.namesInReaderScript ?? false);
  return useMemo(
    () => ({
      script,
      name: (text: string) => nameInScript(text, script),
      fullName: (client: NameParts) => nameInScript(typedFullName(client), script),
    }),
    [script],
  );
}
