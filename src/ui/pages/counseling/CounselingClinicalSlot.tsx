/**
 * PLACEHOLDER for the clinical panels (risk assessments with their trend, safety plan, survivor
 * intake) on the client's counseling tab: branch cs-clinical replaces this file. The tab renders
 * it for readers of counseling content only (psychologists with access, supervisors).
 */
export function CounselingClinicalSlot(_props: { readonly clientId: string }) {
  return null;
}
