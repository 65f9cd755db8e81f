import { Injectable } from '@nestjs/common';
import { TransactionContext } from '@app/core';
import { CustomersService } from '@app/customers';
import { CustomerNotificationPreferences } from '../entities/customer-notification-preferences.entity';
import { UpdateCustomerNotificationPreferencesDto } from './customer-notification-preferences.dto';
import { CustomerNotificationPreferencesResponse } from './customer-notification-preferences.response';

/** Per-customer opt-outs and extra CC addresses. Another organisation's customer is a 404. */
@Injectable()
export class CustomerNotificationPreferencesService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly customers: CustomersService,
  ) {}

  async get(orgId: string, customerId: string): Promise<CustomerNotificationPreferencesResponse> {
    await this.customers.get(orgId, customerId);
    return this.read(orgId, customerId);
  }

  async update(
    orgId: string,
    customerId: string,
    input: UpdateCustomerNotificationPreferencesDto,
  ): Promise<CustomerNotificationPreferencesResponse> {
    await this.customers.get(orgId, customerId);
    return this.tx.run(async (manager) => {
      const { optedOut, cc } = await this.read(orgId, customerId);
      await manager.upsert(
        CustomerNotificationPreferences,
        { orgId, customerId, optedOut: input.optedOut ?? optedOut, cc: input.cc ?? cc },
        ['orgId', 'customerId'],
      );
      return this.read(orgId, customerId);
    });
  }

  /** The stored preferences, or none (for a customer already known to exist). */
  async read(orgId: string, customerId: string): Promise<CustomerNotificationPreferencesResponse> {
    const row = await this.tx.manager.findOneBy(CustomerNotificationPreferences, { orgId, customerId });
    return row
      ? { customerId, optedOut: row.optedOut, cc: row.cc, customized: true }
      : { customerId, optedOut: [], cc: [], customized: false };
  }
}
