export * from './payments.module';
export * from './payments.types';
export * from './payments.errors';
export { OfflinePaymentsService } from './services/offline-payments.service';
export type { RecordPaymentInput } from './services/offline-payments.service';
export { PaymentReadsService } from './services/payment-reads.service';
export {
  PaymentResponse,
  PaymentDetailResponse,
  PaymentAllocationResponse,
  InvoicePaymentResponse,
} from './dto/payment.response';
