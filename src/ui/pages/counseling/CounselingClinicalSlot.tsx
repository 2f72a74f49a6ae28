import { CounselingClinicalPanel } from './clinical/CounselingClinicalPanel';

/**
 * The clinical panels on the client's counseling tab (risk assessments with their trend, the
 * safety plan, and at rehabilitation centers the survivor intake assessment). The tab renders
 * it for readers of counseling content only (psychologists with access, supervisors); the core
 * refuses everyone else anyway.
 */
export function CounselingClinicalSlot({ clientId }: { readonly clientId: string }) {
  return <CounselingClinicalPanel clientId={clientId} />;
}
