/**
 * Roles and what each may do. The core checks these on every method call; the UI only
 * uses them to hide what a role cannot do.
 */
export const ROLES = ['administrator', 'manager', 'receptionist', 'psychologist', 'supervisor', 'trainer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'center.manage',
  'staff.manage',
  'staff.grantConfidential',
  'audit.verify',
  'clients.read',
  'clients.write',
  'clients.merge',
  'consents.write',
  'cases.read',
  'cases.write',
  'services.write',
  /** Adding the center's own entries to the service catalog. */
  'services.manageCatalog',
  'counseling.read',
  'counseling.write',
  'training.manage',
  'reports.read',
  'sync.send',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  administrator: ['center.manage', 'staff.manage', 'audit.verify', 'clients.read', 'clients.merge', 'reports.read', 'sync.send', 'services.manageCatalog'],
  manager: ['clients.read', 'cases.read', 'reports.read', 'sync.send', 'audit.verify', 'services.manageCatalog'],
  receptionist: ['clients.read', 'clients.write', 'consents.write', 'cases.read', 'cases.write', 'services.write'],
  psychologist: [
    'clients.read',
    'cases.read',
    'services.write',
    'counseling.read',
    'counseling.write',
    'staff.grantConfidential',
  ],
  supervisor: ['clients.read', 'cases.read', 'counseling.read', 'counseling.write', 'staff.grantConfidential'],
  trainer: ['clients.read', 'training.manage'],
};

/**
 * @example roleHasPermission('receptionist', 'staff.manage') // false
 */
export function roleHasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function permissionsOf(role: Role): readonly Permission[] {
  return ROLE_PERMISSIONS[role];
}

/** Roles whose key slots also wrap the confidential (counseling) key. */
export function holdsConfidentialKey(role: Role): boolean {
  return role === 'psychologist' || role === 'supervisor';
}
