import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService, NotFoundError, RequestPrincipal, TransactionContext } from '@app/core';
import { AuthError, AuthErrorCode } from '../auth.errors';
import { Membership } from '../entities/membership.entity';
import { Role } from '../roles';
import { SessionService } from './session.service';

export interface MemberView {
  userId: string;
  email: string;
  name: string;
  role: string;
  twoFactorEnabled: boolean;
  joinedAt: Date;
}

/** Who belongs to an organisation, with which role; the last owner is protected. */
@Injectable()
export class MembersService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {}

  async add(orgId: string, userId: string, role: Role): Promise<Membership> {
    const membership = this.tx.manager.create(Membership, { orgId, userId, role });
    await this.tx.manager.insert(Membership, membership);
    return membership;
  }

  find(orgId: string, userId: string): Promise<Membership | null> {
    return this.tx.manager.findOneBy(Membership, { orgId, userId });
  }

  /** The user's memberships, oldest first (the first is the default organisation at login). */
  ofUser(userId: string): Promise<Membership[]> {
    return this.tx.manager.find(Membership, { where: { userId }, order: { id: 'ASC' } });
  }

  async list(orgId: string): Promise<MemberView[]> {
    const rows: {
      user_id: string;
      email: string;
      name: string;
      role: string;
      two_factor: boolean;
      created_at: Date;
    }[] = await this.tx.manager.query(
      `SELECT m.user_id, u.email, u.name, m.role, u.totp_enabled_at IS NOT NULL AS two_factor, m.created_at
         FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.org_id = $1 ORDER BY m.id`,
      [orgId],
    );
    return rows.map((row) => ({
      userId: row.user_id,
      email: row.email,
      name: row.name,
      role: row.role,
      twoFactorEnabled: row.two_factor,
      joinedAt: row.created_at,
    }));
  }

  changeRole(orgId: string, actor: RequestPrincipal, userId: string, role: Role): Promise<Membership> {
    return this.tx.run(async (manager) => {
      const owners = await this.lockOwners(manager, orgId);
      const membership = await this.require(manager, orgId, userId);
      if (
        (membership.role === Role.Owner || role === Role.Owner) &&
        !(await this.isOwner(manager, orgId, actor))
      ) {
        throw new AuthError(
          403,
          AuthErrorCode.OwnerRoleRequired,
          'Only an owner can grant or take the owner role.',
        );
      }
      if (membership.role === Role.Owner && role !== Role.Owner && owners.length <= 1) {
        throw new AuthError(
          409,
          AuthErrorCode.LastOwner,
          'The last owner cannot be demoted; make someone else owner first.',
        );
      }
      await manager.update(Membership, { orgId, userId }, { role });
      await this.audit.record({
        orgId,
        actor,
        action: 'member.role_changed',
        target: { type: 'user', id: userId },
        changes: { role: { before: membership.role, after: role } },
      });
      return { ...membership, role };
    });
  }

  remove(orgId: string, actor: RequestPrincipal, userId: string): Promise<void> {
    return this.tx.run(async (manager) => {
      const owners = await this.lockOwners(manager, orgId);
      const membership = await this.require(manager, orgId, userId);
      if (membership.role === Role.Owner) {
        if (owners.length <= 1) {
          throw new AuthError(
            409,
            AuthErrorCode.LastOwner,
            'The last owner cannot be removed; make someone else owner first.',
          );
        }
        if (!(await this.isOwner(manager, orgId, actor))) {
          throw new AuthError(403, AuthErrorCode.OwnerRoleRequired, 'Only an owner can remove an owner.');
        }
      }
      await manager.delete(Membership, { orgId, userId });
      await this.sessions.revokeInOrg(userId, orgId, 'removed_from_organization');
      await this.audit.record({
        orgId,
        actor,
        action: 'member.removed',
        target: { type: 'user', id: userId },
        changes: { role: { before: membership.role } },
      });
    });
  }

  /** Locks the org's owner rows so that two concurrent demotions cannot both pass the last-owner check. */
  private lockOwners(manager: EntityManager, orgId: string): Promise<Membership[]> {
    return manager
      .createQueryBuilder(Membership, 'm')
      .setLock('pessimistic_write')
      .where('m.org_id = :orgId AND m.role = :role', { orgId, role: Role.Owner })
      .getMany();
  }

  private async require(manager: EntityManager, orgId: string, userId: string): Promise<Membership> {
    const membership = await manager.findOneBy(Membership, { orgId, userId });
    if (!membership) throw new NotFoundError('member', userId);
    return membership;
  }

  private async isOwner(manager: EntityManager, orgId: string, actor: RequestPrincipal): Promise<boolean> {
    if (actor.kind !== 'user') return false;
    const membership = await manager.findOneBy(Membership, { orgId, userId: actor.id });
    return membership?.role === Role.Owner;
  }
}
