import { Injectable } from '@nestjs/common';
import { ApplyCreditsInput, CreditApplicationView, GrantCreditInput } from '../credits.types';

/**
 * The customer wallet. Every method joins the caller's transaction (TransactionContext) and posts the ledger
 * in it.
 */
@Injectable()
export class CreditsService {
  /** Creates a grant and posts (Dr funding account, Cr customer credit). Returns the grant id. */
  async grant(orgId: string, input: GrantCreditInput): Promise<{ grantId: string }> {
    void orgId;
    void input;
    throw new Error('CreditsService.grant: not implemented yet');
  }

  /**
   * Spends the customer's grants in `currency` on an invoice being finalized (priority, then earliest expiry,
   * then oldest), up to `maxAmount`, with conditional updates so two invoices never spend the same credit.
   * Records every application and posts (Dr customer credit, Cr receivables) per application.
   */
  async applyToInvoice(
    orgId: string,
    input: ApplyCreditsInput,
  ): Promise<{ applied: number; applications: CreditApplicationView[] }> {
    void orgId;
    void input;
    throw new Error('CreditsService.applyToInvoice: not implemented yet');
  }

  /** Gives back what an invoice consumed (the invoice is being voided) and posts the reversal. */
  async restoreForInvoice(orgId: string, invoiceId: string): Promise<{ restored: number }> {
    void orgId;
    void invoiceId;
    throw new Error('CreditsService.restoreForInvoice: not implemented yet');
  }
}
