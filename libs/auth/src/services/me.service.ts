import { Injectable } from '@nestjs/common';
import { RequestPrincipal, TransactionContext } from '@app/core';
import { UsersService } from './users.service';

/** The signed-in user's own view of their account. */
@Injectable()
export class MeService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly users: UsersService,
  ) {}

  async describe(principal: RequestPrincipal) {
    const user = await this.users.get(principal.id);
    const memberships: { org_id: string; name: string; role: string }[] = await this.tx.manager.query(
      `SELECT m.org_id, o.name, m.role FROM memberships m JOIN organizations o ON o.id = m.org_id
        WHERE m.user_id = $1 ORDER BY m.id`,
      [user.id],
    );
    const current = memberships.find((m) => m.org_id === principal.orgId);
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      emailVerified: user.emailVerifiedAt !== null,
      twoFactorEnabled: user.totpEnabledAt !== null,
      organizationId: principal.orgId ?? '',
      role: current?.role ?? '',
      permissions: [...(principal.permissions ?? [])],
      memberships: memberships.map((m) => ({
        organizationId: m.org_id,
        organizationName: m.name,
        role: m.role,
      })),
    };
  }
}
