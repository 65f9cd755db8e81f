import { Injectable } from '@nestjs/common';
import { IsNull, MoreThan } from 'typeorm';
import { AuditService, MailService, NotFoundError, RequestPrincipal, TransactionContext } from '@app/core';
import { AuthConfig } from '../auth.config';
import { AuthError, AuthErrorCode } from '../auth.errors';
import { normalizeEmail, randomSecret, sha256 } from '../crypto/secrets';
import { Invitation } from '../entities/invitation.entity';
import { invitationTemplate } from '../mail/auth-mail.templates';
import { PasswordHasher } from '../password/password-hasher';
import { PasswordPolicy } from '../password/password-policy';
import { Role } from '../roles';
import { MembersService } from './members.service';
import { OrganizationsService } from './organizations.service';
import { UsersService } from './users.service';

const INVITATION_DAYS = 7;

export interface AcceptedInvitation {
  organizationId: string;
  userId: string;
  newAccount: boolean;
}

/** Invitations by email; the accept link works for new and existing users. */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly users: UsersService,
    private readonly members: MembersService,
    private readonly organizations: OrganizationsService,
    private readonly hasher: PasswordHasher,
    private readonly policy: PasswordPolicy,
    private readonly mail: MailService,
    private readonly config: AuthConfig,
    private readonly audit: AuditService,
  ) {}

  async invite(orgId: string, actor: RequestPrincipal, email: string, role: Role): Promise<Invitation> {
    const address = normalizeEmail(email);
    if (role === Role.Owner) {
      const own = actor.kind === 'user' ? await this.members.find(orgId, actor.id) : null;
      if (own?.role !== Role.Owner) {
        throw new AuthError(403, AuthErrorCode.OwnerRoleRequired, 'Only an owner can invite an owner.');
      }
    }
    const existing = await this.users.findByEmail(address);
    if (existing && (await this.members.find(orgId, existing.id))) {
      throw new AuthError(409, AuthErrorCode.AlreadyMember, 'That person is already a member.');
    }
    const org = await this.organizations.get(orgId);
    const inviter = actor.kind === 'user' ? (await this.users.get(actor.id)).name : org.name;
    const token = randomSecret(32);
    return this.tx.run(async (manager) => {
      const invitation = manager.create(Invitation, {
        orgId,
        email: address,
        role,
        tokenHash: sha256(token),
        invitedBy: actor.id,
        expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 3600_000),
        acceptedAt: null,
        revokedAt: null,
      });
      await manager.insert(Invitation, invitation);
      await this.audit.record({
        orgId,
        actor,
        action: 'invitation.created',
        target: { type: 'invitation', id: invitation.id },
        changes: { email: { after: address }, role: { after: role } },
      });
      await this.mail.send({
        orgId,
        to: [address],
        template: invitationTemplate,
        context: {
          orgName: org.name,
          inviter,
          role,
          days: INVITATION_DAYS,
          link: `${this.config.appUrl}/accept-invitation?token=${token}`,
        },
      });
      return invitation;
    });
  }

  listPending(orgId: string): Promise<Invitation[]> {
    return this.tx.manager.find(Invitation, {
      where: { orgId, acceptedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      order: { id: 'DESC' },
    });
  }

  async revoke(orgId: string, actor: RequestPrincipal, id: string): Promise<void> {
    await this.tx.run(async (manager) => {
      const { affected } = await manager.update(
        Invitation,
        { orgId, id, acceptedAt: IsNull(), revokedAt: IsNull() },
        { revokedAt: new Date() },
      );
      if (!affected) throw new NotFoundError('invitation', id);
      await this.audit.record({
        orgId,
        actor,
        action: 'invitation.revoked',
        target: { type: 'invitation', id },
      });
    });
  }

  /**
   * Accepts with the emailed token. An existing user just gains the membership; a new person also sends
   * a name and password (the link proves the address, so the account starts verified).
   */
  accept(token: string, details: { name?: string; password?: string }): Promise<AcceptedInvitation> {
    return this.tx.run(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(Invitation)
        .set({ acceptedAt: () => 'now()' })
        .where('token_hash = :hash AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()', {
          hash: sha256(token),
        })
        .returning('id, org_id, email, role')
        .execute();
      const row = (result.raw as { id: string; org_id: string; email: string; role: Role }[])[0];
      if (!row) {
        throw new AuthError(
          400,
          AuthErrorCode.InvalidInvitationToken,
          'The invitation is invalid, has expired, was revoked or was already accepted.',
        );
      }
      let user = await this.users.findByEmail(row.email);
      const newAccount = !user;
      if (!user) {
        if (!details.name || !details.password) {
          throw new AuthError(
            422,
            AuthErrorCode.NewAccountDetailsRequired,
            'No account exists for this address yet: send name and password to create it.',
          );
        }
        this.policy.check(details.password, row.email);
        user = await this.users.insert({
          email: row.email,
          name: details.name,
          passwordHash: await this.hasher.hash(details.password),
          emailVerifiedAt: new Date(),
        });
      } else if (await this.members.find(row.org_id, user.id)) {
        throw new AuthError(
          409,
          AuthErrorCode.AlreadyMember,
          'You are already a member of this organisation.',
        );
      }
      await this.members.add(row.org_id, user.id, row.role);
      await this.audit.record({
        orgId: row.org_id,
        actor: { kind: 'user', id: user.id },
        action: 'invitation.accepted',
        target: { type: 'invitation', id: row.id },
        changes: { role: { after: row.role }, newAccount: { after: newAccount } },
      });
      return { organizationId: row.org_id, userId: user.id, newAccount };
    });
  }
}
