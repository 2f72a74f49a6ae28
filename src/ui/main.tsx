import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/charts/styles.css';
import '@mantine/notifications/styles.css';
import './styles/focus.css';
import './styles/print.css';
import { createRoot } from 'react-dom/client';
import { createUiApi } from './api/api';
import { createRendererTransport } from './api/transport';
import { App } from './app/App';
import { initI18n } from './i18n/i18n';

async function start(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root');
  const transport = createRendererTransport(window);
  const api = createUiApi(transport);
  const i18n = await initI18n(window.localStorage, document.documentElement);
  createRoot(container).render(<App api={api} i18n={i18n} />);
}

void start();
