import { ApiProperty } from '@nestjs/swagger';
import { DEPOSIT_STATUSES, DepositStatus } from '../invoice-deposit.entity';
import { INSTALLMENT_STATUSES, InstallmentStatus } from '../invoice-installment.entity';

export class InstallmentResponse {
  id: string;
  invoiceId: string;
  sequence: number;
  dueAt: Date;
  /** Minor units. */
  amount: number;
  amountPaid: number;
  amountRemaining: number;
  @ApiProperty({ enum: INSTALLMENT_STATUSES })
  status: InstallmentStatus;
  overdue: boolean;
  overdueAt: Date | null;
}

export class InstallmentPlanResponse {
  invoiceId: string;
  currency: string;
  /** Σ amounts: what the plan covers. */
  total: number;
  data: InstallmentResponse[];
}

export class DepositResponse {
  id: string;
  /** The draft the deposit is for. */
  invoiceId: string;
  depositInvoiceId: string;
  /** Decimal string. */
  percent: string;
  /** The deposit line's amount before tax, minor units: what the final invoice is reduced by once paid. */
  amount: number;
  @ApiProperty({ enum: DEPOSIT_STATUSES })
  status: DepositStatus;
}
