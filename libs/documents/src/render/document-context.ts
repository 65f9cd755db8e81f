import type { OrgBranding } from '../branding.service';
import type { PostalAddress, TaxId } from '@app/auth';

/** The seller, as printed on documents. */
export interface SellerInput {
  name: string;
  legalName: string | null;
  address: PostalAddress | null;
  taxIds: TaxId[];
  timezone: string;
}

/** The buyer: the invoice's customer snapshot (finalized) or the live customer (drafts). */
export interface BuyerInput {
  name: string;
  legalName: string | null;
  billingEmails: string[];
  billingAddress: object | null;
  taxIds: { type: string; value: string }[];
  locale: string | null;
  timezone: string | null;
}

/** Everything around a document that is not the invoice or credit note itself. */
export interface DocumentContext {
  seller: SellerInput;
  buyer: BuyerInput;
  branding: OrgBranding;
  paymentInstructions: string;
}
