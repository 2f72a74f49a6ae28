import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import type { i18n as I18n } from 'i18next';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { ApiProvider, refreshChanged, type UiApi } from '../api/api';
import { createServerStateRelay, type ServerStateRelay } from '../session/server-state-relay';
import { SessionProvider, useSession } from '../session/session';
import { SessionGate } from './SessionGate';
import { cssVariablesResolver, theme } from './theme';
import { DAYJS_LOCALE } from '../forms/day-text';
import { currentLanguage } from '../i18n/i18n';

/**
 * Errors are typed and final (FORBIDDEN stays FORBIDDEN), so nothing retries on its own; and
 * the renderer keeps no cache on disk, only in memory.
 */
function createQueryClient(relay: ServerStateRelay): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError: (error) => relay.report(error) }),
    mutationCache: new MutationCache({ onError: (error) => relay.report(error) }),
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 5_000 },
      mutations: { retry: false },
    },
  });
}

/**
 * The renderer's root. Routes live in memory routers (SessionGate: one for the signed-in app,
 * one per outside screen): the URL's hash carries the harness token, and the Electron window has
 * no meaningful URL to share.
 */
export function App({ api, i18n }: { readonly api: UiApi; readonly i18n: I18n }) {
  const [relay] = useState(createServerStateRelay);
  const [queryClient] = useState(() => createQueryClient(relay));
  useEffect(() => api.onChanged((changed) => refreshChanged(queryClient, changed)), [api, queryClient]);
  return (
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
        <DatesInLanguage>
          <QueryClientProvider client={queryClient}>
            <ApiProvider api={api}>
              <SessionProvider>
                <FollowServerState relay={relay} />
                <SessionGate />
              </SessionProvider>
            </ApiProvider>
          </QueryClientProvider>
        </DatesInLanguage>
      </MantineProvider>
    </I18nextProvider>
  );
}

/** Applies LOCKED / UNAUTHENTICATED answers from any call to the session state; DATABASE_DAMAGED refreshes the database state. */
function FollowServerState({ relay }: { readonly relay: ServerStateRelay }) {
  const session = useSession();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      relay.subscribe((code) => {
        // A sign-in that found the database damaged: the gate shows the damaged-database screen.
        if (code === 'DATABASE_DAMAGED') void queryClient.invalidateQueries({ queryKey: ['system.info'] });
        else session.followServerState(code);
      }),
    [relay, session, queryClient],
  );
  return null;
}

/** Date pickers speak the interface's language and start the week on Monday, as calendars here do. */
function DatesInLanguage({ children }: { readonly children: ReactNode }) {
  const { i18n } = useTranslation();
  return <DatesProvider settings={{ locale: DAYJS_LOCALE[currentLanguage(i18n)], firstDayOfWeek: 1 }}>{children}</DatesProvider>;
}
