import { Permission } from '@app/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLE_PERMISSIONS, Role, permissionsOf, renderPermissionTable } from './roles';

describe('ROLE_PERMISSIONS', () => {
  it('gives owners and admins every permission', () => {
    for (const role of [Role.Owner, Role.Admin]) {
      expect([...ROLE_PERMISSIONS[role]].sort()).toEqual(Object.values(Permission).sort());
    }
  });

  it('only grants known permissions, without duplicates', () => {
    const known = new Set<string>(Object.values(Permission));
    for (const permissions of Object.values(ROLE_PERMISSIONS)) {
      expect(permissions.every((p) => known.has(p))).toBe(true);
      expect(new Set(permissions).size).toBe(permissions.length);
    }
  });

  it('keeps viewers read-only and members management with admins', () => {
    expect(ROLE_PERMISSIONS[Role.Viewer].every((p) => p.endsWith(':read'))).toBe(true);
    for (const role of [Role.Finance, Role.Developer, Role.Viewer]) {
      expect(ROLE_PERMISSIONS[role]).not.toContain(Permission.MembersManage);
      expect(ROLE_PERMISSIONS[role]).not.toContain(Permission.OrgManage);
    }
    expect(ROLE_PERMISSIONS[Role.Finance]).toContain(Permission.PaymentsRefund);
    expect(ROLE_PERMISSIONS[Role.Developer]).toContain(Permission.ApiKeysManage);
  });

  it('grants nothing to an unknown role', () => {
    expect(permissionsOf('superuser')).toEqual([]);
  });
});

describe('docs/auth.md', () => {
  it('prints the role table exactly as ROLE_PERMISSIONS defines it', () => {
    const docs = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'auth.md'), 'utf8');
    expect(docs).toContain(renderPermissionTable());
  });
});
