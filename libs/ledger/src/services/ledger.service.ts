import { Injectable } from '@nestjs/common';
import { PostJournalInput } from '../ledger.types';

/** Posts balanced journals in the caller's transaction (TransactionContext) and reads balances. */
@Injectable()
export class LedgerService {
  /**
   * Posts one journal inside the current transaction. Throws when debits ≠ credits, a line is not a positive
   * safe integer, or the currency is invalid. Posting the same (kind, sourceType, sourceId) twice is a no-op
   * that returns the first journal's id.
   */
  async post(orgId: string, input: PostJournalInput): Promise<{ journalId: string }> {
    void orgId;
    void input;
    throw new Error('LedgerService.post: not implemented yet');
  }
}
