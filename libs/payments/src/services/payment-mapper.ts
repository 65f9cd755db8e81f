import { PaymentAllocationResponse, PaymentDetailResponse, PaymentResponse } from '../dto/payment.response';
import { PaymentAllocation } from '../entities/payment-allocation.entity';
import { Payment } from '../entities/payment.entity';

export const toPaymentResponse = (p: Payment): PaymentResponse => ({
  id: p.id,
  customerId: p.customerId,
  provider: p.provider,
  method: p.method,
  amount: p.amount,
  currency: p.currency,
  status: p.status,
  providerPaymentId: p.providerPaymentId,
  providerChargeId: p.providerChargeId,
  fee: p.fee,
  failureCode: p.failureCode,
  failureMessage: p.failureMessage,
  reference: p.reference,
  receivedAt: p.receivedAt,
  amountAllocated: p.amountAllocated,
  amountCredited: p.amountCredited,
  amountRefunded: p.amountRefunded,
  creditGrantId: p.creditGrantId,
  reversedAt: p.reversedAt,
  reversalReason: p.reversalReason,
  metadata: p.metadata,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});

export const toAllocationResponse = (a: PaymentAllocation): PaymentAllocationResponse => ({
  id: a.id,
  paymentId: a.paymentId,
  invoiceId: a.invoiceId,
  amount: a.amount,
  currency: a.currency,
  reversedAt: a.reversedAt,
  createdAt: a.createdAt,
});

export const toPaymentDetail = (p: Payment, allocations: PaymentAllocation[]): PaymentDetailResponse => ({
  ...toPaymentResponse(p),
  allocations: allocations.map(toAllocationResponse),
});
