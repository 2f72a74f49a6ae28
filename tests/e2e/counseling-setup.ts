import type { ApiClient } from '../../src/core/client';
import { apiClient } from './support/api';
import type { Harness } from './support/harness';

/**
 * A rehabilitation center for the counseling screens, arranged over the harness's real HTTP API
 * as the app would (without clicking): an administrator, a receptionist who registers a client, a
 * psychologist who holds the key to notes (given by the recovery code) and is assigned the client,
 * a supervisor and a second psychologist who hold it too (given in person by the first). The
 * tests then sign in through the UI with these accounts. Shared by the counseling e2e files.
 */

export interface CounselingAccount {
  readonly username: string;
  readonly password: string;
  readonly displayName: string;
}

export const C_ADMIN: CounselingAccount = { username: 'admin', password: 'Kuchli-parol-2026!', displayName: 'Dilnoza Karimova' };
export const C_RECEPTIONIST: CounselingAccount = { username: 'qabul', password: 'Qabulxona-parol-77!', displayName: 'Gulnora Rahimova' };
export const PSYCHOLOGIST: CounselingAccount = { username: 'malika', password: 'Psixolog-parol-2026!', displayName: 'Malika Yusupova' };
export const SUPERVISOR: CounselingAccount = { username: 'sevara', password: 'Supervizor-parol-26!', displayName: 'Sevara Tursunova' };
export const SECOND_PSYCHOLOGIST: CounselingAccount = { username: 'nodira', password: 'Ikkinchi-psixolog-26!', displayName: 'Nodira Saidova' };

export interface CounselingCenterSetup {
  readonly clientId: string;
  /** The client's name as lists show it (last, first). */
  readonly clientName: string;
  /** A client assigned to nobody (for breaking the glass). */
  readonly otherClientId: string;
  readonly otherClientName: string;
  readonly psychologistId: string;
  /** Signs in a fresh API connection as one of the accounts. */
  signedIn(account: CounselingAccount): Promise<ApiClient>;
}

async function addStaff(admin: ApiClient, harness: Harness, account: CounselingAccount, role: 'receptionist' | 'psychologist' | 'supervisor'): Promise<string> {
  const added = await admin.invoke('staff.add', { displayName: account.displayName, username: account.username, role });
  const own = apiClient(harness);
  await own.invoke('auth.signIn', { username: account.username, password: added.temporaryPassword });
  await own.invoke('auth.changePassword', { currentPassword: added.temporaryPassword, newPassword: account.password });
  await own.invoke('auth.signOut', {});
  return added.userId;
}

async function register(desk: ApiClient, lastName: string, firstName: string): Promise<string> {
  const client = await desk.invoke('clients.register', {
    lastName,
    firstName,
    patronymic: null,
    birthDate: '1991-04-12',
    sex: 'female',
    pinfl: null,
    phone: null,
    identityDocument: null,
    address: { regionCode: null, districtCode: null, mahalla: null, street: null },
    categories: [],
    disabilityGroup: null,
    languages: [],
    remarks: null,
    confirmedWarnings: [],
  });
  return client.id;
}

/**
 * @example const center = await setUpCounselingCenter(harness); await signIn(PSYCHOLOGIST); await clientPage.open(center.clientId);
 */
export async function setUpCounselingCenter(harness: Harness, centerType: 'rehabilitation' | 'mahalla' = 'rehabilitation'): Promise<CounselingCenterSetup> {
  const admin = apiClient(harness);
  const setup = await admin.invoke('setup.createCenter', {
    center: { name: 'Toshkent shahar reabilitatsiya va moslashuv markazi', type: centerType, regionCode: '1726', districtCode: '1726262' },
    admin: { displayName: C_ADMIN.displayName, username: C_ADMIN.username, password: C_ADMIN.password },
  });
  await admin.invoke('auth.signIn', { username: C_ADMIN.username, password: C_ADMIN.password });
  await addStaff(admin, harness, C_RECEPTIONIST, 'receptionist');
  const psychologistId = await addStaff(admin, harness, PSYCHOLOGIST, 'psychologist');
  const supervisorId = await addStaff(admin, harness, SUPERVISOR, 'supervisor');
  const secondId = await addStaff(admin, harness, SECOND_PSYCHOLOGIST, 'psychologist');
  await admin.invoke('staff.grantConfidentialByRecovery', { userId: psychologistId, recoveryCode: setup.recoveryCode, password: PSYCHOLOGIST.password });
  await admin.invoke('auth.signOut', {});

  const signedIn = async (account: CounselingAccount): Promise<ApiClient> => {
    const client = apiClient(harness);
    await client.invoke('auth.signIn', { username: account.username, password: account.password });
    return client;
  };
  const holder = await signedIn(PSYCHOLOGIST);
  await holder.invoke('staff.grantConfidentialInPerson', { userId: supervisorId, password: SUPERVISOR.password });
  await holder.invoke('staff.grantConfidentialInPerson', { userId: secondId, password: SECOND_PSYCHOLOGIST.password });
  await holder.invoke('auth.signOut', {});

  const desk = await signedIn(C_RECEPTIONIST);
  const clientId = await register(desk, 'Aliyeva', 'Zarina');
  const otherClientId = await register(desk, 'Qodirova', 'Feruza');
  await desk.invoke('auth.signOut', {});

  const supervisor = await signedIn(SUPERVISOR);
  await supervisor.invoke('counseling.assign', { clientId, psychologistId });
  await supervisor.invoke('auth.signOut', {});
  return { clientId, clientName: 'Aliyeva Zarina', otherClientId, otherClientName: 'Qodirova Feruza', psychologistId, signedIn };
}
