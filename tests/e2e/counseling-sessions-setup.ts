import { apiClient } from './support/api';
import type { Harness } from './support/harness';
import type { StaffAccount } from './clients-setup';

/**
 * A rehabilitation center for the counseling tests, set up over the harness's real HTTP API: an
 * administrator, a receptionist, two psychologists and a supervisor (the three holding the key to
 * counseling notes, given as in the app: the first by the recovery code, the others in person),
 * and one client assigned to the first psychologist.
 */

export const COUNSELING_STAFF = {
  admin: { username: 'admin', password: 'Kuchli-parol-2026!', displayName: 'Dilnoza Karimova' },
  receptionist: { username: 'qabul', password: 'Qabulxona-parol-77!', displayName: 'Gulnora Rahimova' },
  psychologist: { username: 'malika', password: 'Psixolog-parol-2026!', displayName: 'Malika Yusupova' },
  secondPsychologist: { username: 'zarina', password: 'Ikkinchi-psixolog-26!', displayName: 'Zarina Olimova' },
  supervisor: { username: 'sevara', password: 'Supervizor-parol-26!', displayName: 'Sevara Tursunova' },
} as const satisfies Record<string, StaffAccount>;

export const COUNSELING_CLIENT = { lastName: 'Ismoilova', firstName: 'Feruza', patronymic: 'Baxodirovna' } as const;
export const COUNSELING_CLIENT_NAME = `${COUNSELING_CLIENT.lastName} ${COUNSELING_CLIENT.firstName} ${COUNSELING_CLIENT.patronymic}`;

/** @example const { clientId } = await setUpCounselingCenter(harness); */
export async function setUpCounselingCenter(harness: Harness): Promise<{ readonly clientId: string }> {
  const { admin, receptionist, psychologist, secondPsychologist, supervisor } = COUNSELING_STAFF;
  const adminApi = apiClient(harness);
  const setup = await adminApi.invoke('setup.createCenter', {
    center: { name: 'Toshkent shahar reabilitatsiya va moslashuv markazi', type: 'rehabilitation', regionCode: '1726', districtCode: '1726262' },
    admin,
  });
  await adminApi.invoke('auth.signIn', { username: admin.username, password: admin.password });
  const ids: Record<string, string> = {};
  for (const [person, role] of [
    [receptionist, 'receptionist'],
    [psychologist, 'psychologist'],
    [secondPsychologist, 'psychologist'],
    [supervisor, 'supervisor'],
  ] as const) {
    const added = await adminApi.invoke('staff.add', { displayName: person.displayName, username: person.username, role });
    ids[person.username] = added.userId;
    const own = apiClient(harness);
    await own.invoke('auth.signIn', { username: person.username, password: added.temporaryPassword });
    await own.invoke('auth.changePassword', { currentPassword: added.temporaryPassword, newPassword: person.password });
    await own.invoke('auth.signOut', {});
  }
  await adminApi.invoke('staff.grantConfidentialByRecovery', { userId: ids[psychologist.username] ?? '', recoveryCode: setup.recoveryCode, password: psychologist.password });
  await adminApi.invoke('auth.signOut', {});

  const holder = apiClient(harness);
  await holder.invoke('auth.signIn', { username: psychologist.username, password: psychologist.password });
  for (const person of [supervisor, secondPsychologist]) {
    await holder.invoke('staff.grantConfidentialInPerson', { userId: ids[person.username] ?? '', password: person.password });
  }
  await holder.invoke('auth.signOut', {});

  const desk = apiClient(harness);
  await desk.invoke('auth.signIn', { username: receptionist.username, password: receptionist.password });
  const client = await desk.invoke('clients.register', {
    ...COUNSELING_CLIENT,
    birthDate: '1991-06-02',
    sex: 'female',
    pinfl: null,
    phone: null,
    address: { regionCode: '1726', districtCode: '1726262', mahalla: null, street: null },
    categories: [],
    languages: ['uz'],
    identityDocument: null,
    remarks: null,
  });
  await desk.invoke('auth.signOut', {});

  const lead = apiClient(harness);
  await lead.invoke('auth.signIn', { username: supervisor.username, password: supervisor.password });
  await lead.invoke('counseling.assign', { clientId: client.id, psychologistId: ids[psychologist.username] ?? '' });
  await lead.invoke('auth.signOut', {});
  return { clientId: client.id };
}
