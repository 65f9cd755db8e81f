import { Router } from '../http/router';
import { optionalString } from '../http/params';
import { newId } from '../state/ids';
import { paginate } from '../state/list';
import { BalanceTransaction } from '../state/objects';
import { EmulatorSettings, ResourceContext } from './context';

const DAY = 86_400;

export function processingFee(amount: number, settings: EmulatorSettings): number {
  return Math.round((amount * settings.feePercentBps) / 10_000) + settings.feeFixed;
}

export interface BalanceEntry {
  amount: number;
  currency: string;
  fee?: number;
  type: string;
  reporting_category: string;
  source: string | null;
  description?: string | null;
  created?: number;
}

/** Records a movement of funds; `net = amount − fee`, as Stripe reports it. */
export function recordBalanceTransaction(ctx: ResourceContext, entry: BalanceEntry): BalanceTransaction {
  const created = entry.created ?? ctx.now();
  const fee = entry.fee ?? 0;
  return ctx.account.balanceTransactions.add({
    id: newId('txn'),
    object: 'balance_transaction',
    amount: entry.amount,
    available_on: created + ctx.settings.availableAfterDays * DAY,
    created,
    currency: entry.currency,
    description: entry.description ?? null,
    fee,
    fee_details:
      fee === 0
        ? []
        : [
            {
              amount: fee,
              currency: entry.currency,
              description: 'Stripe processing fees',
              type: 'stripe_fee',
            },
          ],
    net: entry.amount - fee,
    reporting_category: entry.reporting_category,
    source: entry.source,
    status: 'available',
    type: entry.type,
  });
}

export function registerBalanceTransactionRoutes(router: Router<ResourceContext>): void {
  router
    .add('GET', '/v1/balance_transactions', (ctx, params) => {
      const type = optionalString(params, 'type');
      const source = optionalString(params, 'source');
      const currency = optionalString(params, 'currency');
      const items = ctx.account.balanceTransactions
        .all()
        .filter(
          (t) =>
            (!type || t.type === type) &&
            (!source || t.source === source) &&
            (!currency || t.currency === currency),
        );
      return paginate(items, params, '/v1/balance_transactions');
    })
    .add('GET', '/v1/balance_transactions/:id', (ctx, _params, path) =>
      ctx.account.balanceTransactions.require(path.id),
    );
}
