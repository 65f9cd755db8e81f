import { Injectable } from '@nestjs/common';
import { AuditChanges, AuditService, NotFoundError, RequestPrincipal, TransactionContext } from '@app/core';
import { Organization } from '../entities/organization.entity';

export type OrganizationProfile = Pick<
  Organization,
  'name' | 'legalName' | 'address' | 'taxIds' | 'defaultCurrency' | 'timezone' | 'locale' | 'require2fa'
>;

/** Organisations (tenants). Other domains read them through `get`. */
@Injectable()
export class OrganizationsService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly audit: AuditService,
  ) {}

  async create(name: string): Promise<Organization> {
    const org = this.tx.manager.create(Organization, { name, legalName: null, address: null, taxIds: [] });
    await this.tx.manager.insert(Organization, org);
    return this.get(org.id);
  }

  async get(orgId: string): Promise<Organization> {
    const org = await this.tx.manager.findOneBy(Organization, { id: orgId });
    if (!org) throw new NotFoundError('organization', orgId);
    return org;
  }

  update(
    orgId: string,
    actor: RequestPrincipal,
    changes: Partial<OrganizationProfile>,
  ): Promise<Organization> {
    return this.tx.run(async (manager) => {
      const before = await manager
        .createQueryBuilder(Organization, 'o')
        .setLock('pessimistic_write')
        .where('o.id = :orgId', { orgId })
        .getOne();
      if (!before) throw new NotFoundError('organization', orgId);
      const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
      if (Object.keys(defined).length > 0) {
        await manager.update(Organization, { id: orgId }, defined);
        const diff: AuditChanges = {};
        for (const [field, after] of Object.entries(defined)) {
          diff[field] = { before: before[field as keyof Organization], after };
        }
        await this.audit.record({
          orgId,
          actor,
          action: 'organization.updated',
          target: { type: 'organization', id: orgId },
          changes: diff,
        });
      }
      return this.get(orgId);
    });
  }
}
