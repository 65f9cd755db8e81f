import { isCurrencyCode, isUuid } from '@app/core';
import { CUSTOMER_ACCOUNTS } from '../chart/chart-of-accounts';
import { JOURNAL_KINDS, JournalLineInput, LedgerAccount, PostJournalInput } from '../ledger.types';

const ACCOUNTS = new Set<string>(Object.values(LedgerAccount));
const KINDS = new Set<string>(JOURNAL_KINDS);

/** A line with both sides as integers, one of them zero. */
export interface ValidLine {
  account: LedgerAccount;
  customerId: string | null;
  debit: number;
  credit: number;
}

const isPositiveAmount = (value: number): boolean => Number.isSafeInteger(value) && value > 0;

function validateLine(line: JournalLineInput, index: number): ValidLine {
  const fail = (message: string): never => {
    throw new Error(`Ledger journal line ${index}: ${message}`);
  };
  if (!ACCOUNTS.has(line.account)) fail(`unknown account ${String(line.account)}`);
  const debit = line.debit ?? 0;
  const credit = line.credit ?? 0;
  const sides = [debit, credit].filter((side) => side !== 0);
  if (sides.length !== 1 || !isPositiveAmount(sides[0]))
    fail(`exactly one of debit (${debit}) and credit (${credit}) must be a positive safe integer`);
  const customerId = line.customerId ?? null;
  if (CUSTOMER_ACCOUNTS.has(line.account) && customerId === null)
    fail(`${line.account} lines need a customerId`);
  if (customerId !== null && !isUuid(customerId)) fail(`customerId ${customerId} is not a UUID`);
  return { account: line.account, customerId, debit, credit };
}

/**
 * Checks a journal before anything is written. Every violation is a bug of the posting domain, so it is a
 * plain Error (500), never a client error.
 */
export function validateJournal(input: PostJournalInput): ValidLine[] {
  const fail = (message: string): never => {
    throw new Error(`Ledger journal ${input.kind}/${input.sourceType}/${input.sourceId}: ${message}`);
  };
  if (!KINDS.has(input.kind)) fail(`unknown kind ${String(input.kind)}`);
  if (!input.sourceType || !input.sourceId) fail('sourceType and sourceId are required');
  if (typeof input.currency !== 'string' || !isCurrencyCode(input.currency))
    fail(`currency ${String(input.currency)} is not an ISO 4217 code`);
  if (input.occurredAt !== undefined && Number.isNaN(input.occurredAt.getTime()))
    fail('occurredAt is not a valid date');
  if (!Array.isArray(input.lines) || input.lines.length < 2) fail('a journal needs at least two lines');
  const lines = input.lines.map(validateLine);
  const debits = lines.reduce((sum, line) => sum + line.debit, 0);
  const credits = lines.reduce((sum, line) => sum + line.credit, 0);
  if (!Number.isSafeInteger(debits) || !Number.isSafeInteger(credits))
    fail('the totals exceed the safe integer range');
  if (debits !== credits) fail(`debits ${debits} ≠ credits ${credits}`);
  return lines;
}
