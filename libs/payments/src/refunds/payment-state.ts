import { EntityManager } from 'typeorm';
import { isUuid } from '@app/core';
import { Payment } from '../entities/payment.entity';
import { paymentNotFound } from '../payments.errors';
import { PaymentStatus } from '../payments.types';

/** The payment under its row lock: refunds and disputes of one payment run one after the other. */
export async function lockPayment(manager: EntityManager, orgId: string, id: string): Promise<Payment> {
  const payment = isUuid(id)
    ? await manager.findOne(Payment, { where: { orgId, id }, lock: { mode: 'pessimistic_write' } })
    : null;
  if (!payment) throw paymentNotFound(id);
  return payment;
}

/** What a collected payment's status is from what was refunded of it (no dispute open). */
export const settledStatus = (payment: Pick<Payment, 'amount' | 'amountRefunded'>): PaymentStatus =>
  payment.amountRefunded === 0
    ? 'succeeded'
    : payment.amountRefunded >= payment.amount
      ? 'refunded'
      : 'partially_refunded';

export async function savePayment(manager: EntityManager, payment: Payment): Promise<void> {
  const { id, orgId, createdAt: _createdAt, updatedAt: _updatedAt, ...columns } = payment;
  await manager.update(Payment, { orgId, id }, columns);
}
