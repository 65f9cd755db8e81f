import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Matches } from 'class-validator';

export class AttachPaymentMethodDto {
  /** A PaymentMethod the front end created with Stripe.js (`pm_…`), or a test token such as `pm_card_visa`. */
  @IsString({ message: 'paymentMethodId must be a Stripe PaymentMethod id' })
  @Matches(/^pm_\w+$/, { message: 'paymentMethodId must be a Stripe PaymentMethod id (pm_…)' })
  paymentMethodId: string;

  /** Make it the customer's default (it is anyway when the customer has none). */
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'default must be a boolean' })
  default?: boolean;
}

export class SetupIntentResponse {
  setupIntentId: string;
  /** For Stripe.js `confirmCardSetup` in the front end. */
  clientSecret: string;
}

export class PaymentMethodResponse {
  id: string;
  customerId: string;
  providerPaymentMethodId: string;
  /** Stripe's type: `card`, `us_bank_account`, … */
  type: string;
  brand: string | null;
  last4: string | null;
  expMonth: number | null;
  expYear: number | null;
  isDefault: boolean;
  createdAt: Date;
}

export class PaymentMethodListResponse {
  data: PaymentMethodResponse[];
}
