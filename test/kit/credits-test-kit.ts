import { randomBytes, randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TransactionContext } from '@app/core';
import { CustomersService } from '@app/customers';
import { CreditsModule, CreditsService } from '@app/credits';
import { LedgerAccount, LedgerService } from '@app/ledger';
import { startCoreContext } from './core-context';

/** The credits module on the real database, without HTTP, with what its specs need at hand. */
export interface CreditsTestContext {
  context: INestApplicationContext;
  credits: CreditsService;
  ledger: LedgerService;
  tx: TransactionContext;
  db: DataSource;
  /** A new organisation id with one customer in it. */
  newCustomer: (currency?: string) => Promise<{ orgId: string; customerId: string }>;
  /** The ledger's customer-credit balance of a customer in a currency (credit − debit). */
  ledgerCredit: (orgId: string, customerId: string, currency: string) => Promise<number>;
  close: () => Promise<void>;
}

export async function startCreditsContext(): Promise<CreditsTestContext> {
  const context = await startCoreContext([CreditsModule]);
  const customers = context.get(CustomersService);
  const ledger = context.get(LedgerService);
  return {
    context,
    credits: context.get(CreditsService),
    ledger,
    tx: context.get(TransactionContext),
    db: context.get(DataSource),
    newCustomer: async (currency = 'EUR') => {
      const orgId = randomUUID();
      const input = {
        name: 'Wallet Ltd',
        billingEmails: [`wallet-${randomBytes(4).toString('hex')}@example.test`],
        currency,
      } as Parameters<CustomersService['create']>[1];
      const customer = await customers.create(orgId, input);
      return { orgId, customerId: customer.id };
    },
    ledgerCredit: (orgId, customerId, currency) =>
      ledger.balanceOf(orgId, { account: LedgerAccount.CustomerCredit, customerId, currency }),
    close: () => context.close(),
  };
}
