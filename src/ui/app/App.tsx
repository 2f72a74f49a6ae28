import { createTheme, MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { ApiProvider, type UiApi } from '../api/api';
import { AppRoutes } from './AppRoutes';

const theme = createTheme({ primaryColor: 'teal', focusRing: 'auto', defaultRadius: 'sm' });

/**
 * Errors are typed and final (FORBIDDEN stays FORBIDDEN), so nothing retries on its own; and
 * the renderer keeps no cache on disk, only in memory.
 */
function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 5_000 },
      mutations: { retry: false },
    },
  });
}

/**
 * The renderer's root. A memory router: the URL's hash carries the harness token, and the
 * Electron window has no meaningful URL to share, so routes live in memory.
 */
export function App({ api, i18n }: { readonly api: UiApi; readonly i18n: I18n }) {
  return (
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme}>
        <QueryClientProvider client={createQueryClient()}>
          <ApiProvider api={api}>
            <MemoryRouter>
              <AppRoutes />
            </MemoryRouter>
          </ApiProvider>
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>
  );
}
