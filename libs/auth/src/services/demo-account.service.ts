import { Injectable } from '@nestjs/common';
import { TransactionContext } from '@app/core';
import { PasswordHasher } from '../password/password-hasher';
import { ROLE_PERMISSIONS, Role } from '../roles';
import { ApiKeysService } from './api-keys.service';
import { MembersService } from './members.service';
import { OrganizationsService } from './organizations.service';
import { UsersService } from './users.service';

export interface DemoAccount {
  orgId: string;
  ownerEmail: string;
  apiKey: string;
}

/**
 * Provisions the demo organisation for `npm run demo`: an owner whose email counts as verified and a fresh
 * API key with every permission of the owner role. Idempotent: the organisation and owner are created once,
 * later runs reuse them and issue a new key (a key's secret cannot be shown twice).
 */
@Injectable()
export class DemoAccountService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly hasher: PasswordHasher,
    private readonly users: UsersService,
    private readonly organizations: OrganizationsService,
    private readonly members: MembersService,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async ensure(input: {
    email: string;
    password: string;
    name: string;
    organizationName: string;
  }): Promise<DemoAccount> {
    return this.tx.run(async () => {
      let user = await this.users.findByEmail(input.email);
      let orgId: string;
      if (!user) {
        const org = await this.organizations.create(input.organizationName);
        user = await this.users.insert({
          email: input.email,
          name: input.name,
          passwordHash: await this.hasher.hash(input.password),
          emailVerifiedAt: new Date(),
        });
        await this.members.add(org.id, user.id, Role.Owner);
        orgId = org.id;
      } else {
        const [membership] = await this.members.ofUser(user.id);
        if (!membership) throw new Error(`${input.email} exists but belongs to no organisation`);
        orgId = membership.orgId;
      }
      const owner = { kind: 'user' as const, id: user.id, orgId, permissions: ROLE_PERMISSIONS[Role.Owner] };
      const key = await this.apiKeys.create(orgId, owner, {
        name: `Demo key ${new Date().toISOString().slice(0, 16)}`,
        scopes: [...ROLE_PERMISSIONS[Role.Owner]],
      });
      return { orgId, ownerEmail: user.email, apiKey: key.secret };
    });
  }
}
