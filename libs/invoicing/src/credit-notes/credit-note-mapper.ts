import { CreditNoteDetailResponse, CreditNoteResponse } from './dto/credit-note.response';
import { CreditNote } from './entities/credit-note.entity';
import { CreditNoteLine } from './entities/credit-note-line.entity';

export const toCreditNoteResponse = (n: CreditNote): CreditNoteResponse => ({
  id: n.id,
  invoiceId: n.invoiceId,
  customerId: n.customerId,
  number: n.number,
  currency: n.currency,
  reason: n.reason,
  memo: n.memo,
  outcome: n.outcome,
  subtotal: n.subtotal,
  taxTotal: n.taxTotal,
  total: n.total,
  refundStatus: n.refundStatus,
  creditGrantId: n.creditGrantId,
  issuedAt: n.issuedAt,
  createdAt: n.createdAt,
});

export const toCreditNoteDetail = (n: CreditNote, lines: CreditNoteLine[]): CreditNoteDetailResponse => ({
  ...toCreditNoteResponse(n),
  lines: lines.map((l) => ({
    id: l.id,
    position: l.position,
    invoiceLineId: l.invoiceLineId,
    description: l.description,
    amount: l.amount,
    taxAmount: l.taxAmount,
    total: l.total,
    taxes: l.taxes,
  })),
});
