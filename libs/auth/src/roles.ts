import { Permission } from '@app/core';

export enum Role {
  Owner = 'owner',
  Admin = 'admin',
  Finance = 'finance',
  Developer = 'developer',
  Viewer = 'viewer',
}

const P = Permission;

const READ_ALL: Permission[] = [
  P.OrgRead,
  P.MembersRead,
  P.CustomersRead,
  P.CatalogRead,
  P.SubscriptionsRead,
  P.UsageRead,
  P.InvoicesRead,
  P.CreditsRead,
  P.PaymentsRead,
  P.ReportsRead,
];

/**
 * THE role table: what each role may do. The PermissionGuard reads it on every request and docs/auth.md
 * prints it; nothing else decides what a role grants.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  [Role.Owner]: Object.values(Permission),
  [Role.Admin]: Object.values(Permission),
  [Role.Finance]: [
    ...READ_ALL,
    P.AuditRead,
    P.CustomersWrite,
    P.SubscriptionsWrite,
    P.InvoicesWrite,
    P.CreditsWrite,
    P.PaymentsWrite,
    P.PaymentsRefund,
  ],
  [Role.Developer]: [...READ_ALL, P.ApiKeysManage, P.WebhooksManage, P.CatalogWrite, P.UsageWrite],
  [Role.Viewer]: READ_ALL,
};

export const ROLES = Object.values(Role);

export const permissionsOf = (role: string): readonly Permission[] => ROLE_PERMISSIONS[role as Role] ?? [];

/** The role table as Markdown, as printed in docs/auth.md (a unit test keeps the two identical). */
export function renderPermissionTable(): string {
  const header = `| permission | ${ROLES.join(' | ')} |`;
  const rule = `|---|${ROLES.map(() => ':-:').join('|')}|`;
  const rows = Object.values(Permission).map(
    (permission) =>
      `| \`${permission}\` | ${ROLES.map((role) => (ROLE_PERMISSIONS[role].includes(permission) ? '✔' : ' ')).join(' | ')} |`,
  );
  return [header, rule, ...rows].join('\n');
}
