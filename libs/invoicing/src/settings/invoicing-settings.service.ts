import { Injectable } from '@nestjs/common';
import { TransactionContext } from '@app/core';
import { UpdateInvoicingSettingsDto } from '../dto/invoicing-settings.dto';
import { InvoicingSettingsResponse } from '../dto/invoicing-settings.response';
import { DEFAULT_INVOICING_SETTINGS, InvoicingSettings } from '../entities/invoicing-settings.entity';
import { InvoicingErrorCode, invalidField } from '../invoicing.errors';
import { PREFIX_PATTERN, patternProblem } from '../numbering/number-pattern';

const toResponse = (s: Omit<InvoicingSettings, 'orgId' | 'updatedAt'>): InvoicingSettingsResponse => ({
  invoiceNumberPattern: s.invoiceNumberPattern,
  creditNoteNumberPattern: s.creditNoteNumberPattern,
  prefix: s.prefix,
  yearlyReset: s.yearlyReset,
  defaultPaymentTermsDays: s.defaultPaymentTermsDays,
  draftGraceHours: s.draftGraceHours,
});

const memoKey = (orgId: string): string => `invoicing-settings:${orgId}`;

/** An organisation's invoicing settings (numbering, default terms, draft grace); defaults without a row. */
@Injectable()
export class InvoicingSettingsService {
  constructor(private readonly tx: TransactionContext) {}

  /** Read once per transaction (a finalization needs it for its terms, its number and its grace period). */
  get(orgId: string): Promise<InvoicingSettingsResponse> {
    return this.tx.memo(memoKey(orgId), async () => {
      const row = await this.tx.manager.findOneBy(InvoicingSettings, { orgId });
      return toResponse(row ?? DEFAULT_INVOICING_SETTINGS);
    });
  }

  async update(orgId: string, input: UpdateInvoicingSettingsDto): Promise<InvoicingSettingsResponse> {
    return this.tx.run(async (manager) => {
      const defined = Object.entries(input).filter(([, value]) => value !== undefined);
      const next: InvoicingSettingsResponse = { ...(await this.get(orgId)), ...Object.fromEntries(defined) };
      this.validate(next);
      await manager.upsert(InvoicingSettings, { orgId, ...next }, ['orgId']);
      this.tx.forget(memoKey(orgId));
      return next;
    });
  }

  private validate(s: InvoicingSettingsResponse): void {
    if (!PREFIX_PATTERN.test(s.prefix))
      throw invalidField(
        InvoicingErrorCode.InvalidSettings,
        'prefix',
        'must be 1-20 letters, digits, -, _ or .',
      );
    for (const field of ['invoiceNumberPattern', 'creditNoteNumberPattern'] as const) {
      const problem = patternProblem(s[field], { yearlyReset: s.yearlyReset });
      if (problem) throw invalidField(InvoicingErrorCode.InvalidNumberPattern, field, problem);
    }
  }
}
