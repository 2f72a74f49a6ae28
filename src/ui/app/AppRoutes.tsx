import { Route, Routes } from 'react-router';
import { DiagnosticsPage } from '../pages/diagnostics/DiagnosticsPage';
import { HomePage } from '../pages/home/HomePage';
import { AppLayout } from './AppLayout';

export function AppRoutes() {
  return (
    <AppLayout>
      <Routes>
        <Route path="/" element={<HomePage />} />
        <Route path="/diagnostics" element={<DiagnosticsPage />} />
        <Route path="*" element={<HomePage />} />
      </Routes>
    </AppLayout>
  );
}
