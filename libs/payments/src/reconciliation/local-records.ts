import { Injectable } from '@nestjs/common';
import { Brackets, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { TransactionContext } from '@app/core';
import { Dispute } from '../entities/dispute.entity';
import { Payment } from '../entities/payment.entity';
import { Refund } from '../entities/refund.entity';
import type { LocalRecord } from './reconciliation-matcher';
import type { DiscrepancyObjectType } from './reconciliation-discrepancy.entity';

/** A local row with every Stripe id it carries (a payment: its PaymentIntent and its charge). */
export interface LocalRow extends LocalRecord {
  lookupIds: string[];
  /** A payment's charge, read directly when Stripe's list did not include it. */
  chargeId: string | null;
}

/** Local statuses of a Stripe payment that imply Stripe moved money (and so has a balance transaction). */
const SETTLED_PAYMENT_STATUSES = ['succeeded', 'refunded', 'partially_refunded', 'disputed'];

const ids = (...values: (string | null)[]): string[] => values.filter((v): v is string => v !== null);

const fromPayment = (p: Payment): LocalRow => ({
  id: p.id,
  objectType: 'payment',
  providerId: p.providerPaymentId ?? p.providerChargeId,
  lookupIds: ids(p.providerChargeId, p.providerPaymentId),
  chargeId: p.providerChargeId,
  amount: p.amount,
  currency: p.currency,
  status: p.status,
  fee: p.fee,
});

const fromRefund = (r: Refund): LocalRow => ({
  id: r.id,
  objectType: 'refund',
  providerId: r.providerRefundId,
  lookupIds: ids(r.providerRefundId),
  chargeId: null,
  amount: r.amount,
  currency: r.currency,
  status: r.status,
  fee: null,
});

const fromDispute = (d: Dispute): LocalRow => ({
  id: d.id,
  objectType: 'dispute',
  providerId: d.providerDisputeId,
  lookupIds: [d.providerDisputeId],
  chargeId: null,
  amount: d.amount,
  currency: d.currency,
  status: d.status,
  fee: d.fee,
});

export interface Period {
  start: Date;
  end: Date;
}

/** Reads the org's Stripe payments, refunds and disputes for reconciliation (the rows other features write). */
@Injectable()
export class LocalRecordsReader {
  constructor(private readonly tx: TransactionContext) {}

  /** The rows carrying any of `providerIds`. */
  async byProviderIds(
    orgId: string,
    objectType: DiscrepancyObjectType,
    providerIds: string[],
  ): Promise<LocalRow[]> {
    const params = { orgId, providerIds };
    if (objectType === 'payment')
      return (
        await this.payments(orgId)
          .andWhere(
            new Brackets((q) =>
              q
                .where('p.provider_charge_id = ANY(:providerIds)', params)
                .orWhere('p.provider_payment_id = ANY(:providerIds)', params),
            ),
          )
          .getMany()
      ).map(fromPayment);
    if (objectType === 'refund')
      return (
        await this.refunds(orgId).andWhere('r.provider_refund_id = ANY(:providerIds)', params).getMany()
      ).map(fromRefund);
    return (
      await this.disputes(orgId).andWhere('d.provider_dispute_id = ANY(:providerIds)', params).getMany()
    ).map(fromDispute);
  }

  /**
   * Rows of the period that Stripe should have moved money for, except `seen` (matched already): settled
   * payments by when they were received, refunds and disputes by when they were recorded.
   */
  async unseenInPeriod(
    orgId: string,
    objectType: DiscrepancyObjectType,
    period: Period,
    seen: string[],
  ): Promise<LocalRow[]> {
    const within = <T extends ObjectLiteral>(q: SelectQueryBuilder<T>, at: string) =>
      q
        .andWhere(`${at} >= :start AND ${at} < :end`, period)
        .andWhere(`NOT (${q.alias}.id = ANY(:seen))`, { seen })
        .orderBy(`${q.alias}.id`)
        .getMany();
    if (objectType === 'payment')
      return (
        await within(
          this.payments(orgId).andWhere('p.status IN (:...settled)', { settled: SETTLED_PAYMENT_STATUSES }),
          'coalesce(p.received_at, p.created_at)',
        )
      ).map(fromPayment);
    if (objectType === 'refund')
      return (
        await within(
          this.refunds(orgId).andWhere("r.provider_refund_id IS NOT NULL AND r.status <> 'canceled'"),
          'r.created_at',
        )
      ).map(fromRefund);
    return (await within(this.disputes(orgId), 'd.created_at')).map(fromDispute);
  }

  private payments(orgId: string): SelectQueryBuilder<Payment> {
    return this.tx.manager
      .createQueryBuilder(Payment, 'p')
      .where("p.org_id = :orgId AND p.provider = 'stripe'", { orgId });
  }

  private refunds(orgId: string): SelectQueryBuilder<Refund> {
    return this.tx.manager
      .createQueryBuilder(Refund, 'r')
      .where("r.org_id = :orgId AND r.provider = 'stripe'", { orgId });
  }

  private disputes(orgId: string): SelectQueryBuilder<Dispute> {
    return this.tx.manager.createQueryBuilder(Dispute, 'd').where('d.org_id = :orgId', { orgId });
  }
}
