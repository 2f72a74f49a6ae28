/**
 * Roles, and the permission table the composition root folds together from the domains'
 * manifests (each domain declares the permissions it introduces and which roles hold them). The
 * core checks permissions on every method call; the UI only uses them to hide what a role cannot do.
 */
export const ROLES = ['administrator', 'manager', 'receptionist', 'psychologist', 'supervisor', 'trainer'] as const;
export type Role = (typeof ROLES)[number];

/** A permission is named `domain.action`; the domain that introduces it owns the name. */
export type Permission = `${string}.${string}`;

/** The permissions one domain introduces, each with the roles that hold it. */
export type PermissionGrants = Readonly<Record<Permission, readonly Role[]>>;

/**
 * Declares a domain's permissions; `const` keeps the names as literals so the composed union is exact.
 *
 * @example export const CLIENTS_PERMISSIONS = definePermissions({ 'clients.read': ROLES, 'clients.write': ['receptionist'] });
 */
export function definePermissions<const G extends PermissionGrants>(grants: G): G {
  return grants;
}

export interface PermissionTable {
  /** Every permission some domain declared. */
  readonly permissions: readonly Permission[];
  /** @example table.has('receptionist', 'staff.manage') // false */
  has(role: Role, permission: string): boolean;
  of(role: Role): readonly Permission[];
}

/**
 * Folds the domains' grants into one table; a permission declared by two domains stops start-up.
 *
 * @example const table = buildPermissionTable([CLIENTS_PERMISSIONS, STAFF_PERMISSIONS]);
 */
export function buildPermissionTable(grants: readonly PermissionGrants[]): PermissionTable {
  const holders = new Map<Permission, readonly Role[]>();
  for (const domainGrants of grants) {
    for (const [permission, roles] of Object.entries(domainGrants) as [Permission, readonly Role[]][]) {
      if (holders.has(permission)) throw new Error(`Permission declared twice: ${permission}`);
      holders.set(permission, roles);
    }
  }
  const byRole = new Map<Role, readonly Permission[]>(ROLES.map((role) => [role, [...holders].filter(([, roles]) => roles.includes(role)).map(([p]) => p)]));
  return {
    permissions: [...holders.keys()],
    has: (role, permission) => holders.get(permission as Permission)?.includes(role) ?? false,
    of: (role) => byRole.get(role) ?? [],
  };
}

/** Roles whose key slots also wrap the confidential (counseling) key. */
export function holdsConfidentialKey(role: Role): boolean {
  return role === 'psychologist' || role === 'supervisor';
}
