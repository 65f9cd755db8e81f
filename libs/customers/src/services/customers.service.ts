import { Injectable } from '@nestjs/common';
import { SelectQueryBuilder } from 'typeorm';
import {
  AppError,
  CoreErrorCode,
  JobName,
  JobQueue,
  Page,
  PageQuery,
  TransactionContext,
  isUuid,
  paginateById,
} from '@app/core';
import { CustomerNotFoundError, CustomersError, CustomersErrorCode } from '../customers.errors';
import { CreateCustomerDto, CustomerAddressDto, UpdateCustomerDto } from '../dto/customer.dto';
import { CustomerFilter } from '../dto/customer-query.dto';
import { CustomerResponse } from '../dto/customer.response';
import { Customer, CustomerAddress } from '../entities/customer.entity';
import { canonicalLocale, canonicalTimeZone } from '../validation/customer-validators';

const EXPORT_BATCH = 1000;

const escapeLike = (value: string): string => value.replace(/[\\%_]/g, (c) => `\\${c}`);

const orNull = <T>(value: T | null | undefined): T | null => value ?? null;

/** JSON with object keys sorted: jsonb columns come back with their keys reordered. */
const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );

function toAddress(
  address: (Omit<CustomerAddressDto, 'country'> & { country: string }) | null | undefined,
): CustomerAddress | null {
  if (!address) return null;
  return {
    line1: orNull(address.line1),
    line2: orNull(address.line2),
    city: orNull(address.city),
    postalCode: orNull(address.postalCode),
    state: orNull(address.state),
    country: address.country,
  };
}

export function toCustomerResponse(customer: Customer): CustomerResponse {
  return {
    id: customer.id,
    externalId: customer.externalId,
    name: customer.name,
    legalName: customer.legalName,
    billingEmails: customer.billingEmails,
    phone: customer.phone,
    billingAddress: toAddress(customer.billingAddress),
    shippingAddress: toAddress(customer.shippingAddress),
    taxIds: customer.taxIds.map(({ type, value }) => ({
      type: type as CustomerResponse['taxIds'][0]['type'],
      value,
    })),
    currency: customer.currency,
    locale: customer.locale,
    timezone: customer.timezone,
    paymentTermsDays: customer.paymentTermsDays,
    collectionMethod: customer.collectionMethod,
    metadata: customer.metadata,
    archivedAt: customer.archivedAt,
    firstInvoicedAt: customer.firstInvoicedAt,
    createdAt: customer.createdAt,
    updatedAt: customer.updatedAt,
  };
}

/** The columns an input sets; undefined (absent) fields are left out, so a PATCH changes only what it names. */
function changesOf(input: UpdateCustomerDto): Partial<Customer> {
  const changes: Partial<Customer> = {};
  const set = <K extends keyof Customer>(key: K, value: Customer[K] | undefined) => {
    if (value !== undefined) changes[key] = value;
  };
  set('externalId', input.externalId);
  set('name', input.name);
  set('legalName', input.legalName);
  set('billingEmails', input.billingEmails);
  set('phone', input.phone);
  if (input.billingAddress !== undefined) changes.billingAddress = toAddress(input.billingAddress);
  if (input.shippingAddress !== undefined) changes.shippingAddress = toAddress(input.shippingAddress);
  if (input.taxIds !== undefined) changes.taxIds = input.taxIds.map(({ type, value }) => ({ type, value }));
  set('currency', input.currency);
  if (input.locale !== undefined)
    changes.locale = input.locale === null ? null : canonicalLocale(input.locale);
  if (input.timezone !== undefined)
    changes.timezone = input.timezone === null ? null : canonicalTimeZone(input.timezone);
  set('paymentTermsDays', input.paymentTermsDays);
  set('collectionMethod', input.collectionMethod);
  if (input.metadata !== undefined) changes.metadata = { ...input.metadata };
  return changes;
}

/**
 * Customers of an organisation. Every method takes the org id first; another organisation's customer is
 * a 404. Other domains use the read methods (`get`, `getByExternalId`, `findByExternalIds`), which return
 * `CustomerResponse` objects, never entities.
 */
@Injectable()
export class CustomersService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly jobs: JobQueue,
  ) {}

  create(orgId: string, input: CreateCustomerDto): Promise<CustomerResponse> {
    return this.tx.run(async (manager) => {
      const customer = manager.create(Customer, {
        externalId: null,
        legalName: null,
        phone: null,
        billingAddress: null,
        shippingAddress: null,
        taxIds: [],
        locale: null,
        timezone: null,
        paymentTermsDays: 0,
        collectionMethod: 'charge_automatically',
        metadata: {},
        archivedAt: null,
        firstInvoicedAt: null,
        ...changesOf(input),
        orgId,
      });
      await manager.insert(Customer, customer);
      await this.jobs.enqueue(JobName.CustomerCreated, { orgId, customerId: customer.id });
      return this.get(orgId, customer.id);
    });
  }

  /** The customer, or a 404 (also for another organisation's customer). */
  async get(orgId: string, id: string): Promise<CustomerResponse> {
    const customer = await this.tx.manager.findOneBy(Customer, { orgId, id });
    if (!customer) throw new CustomerNotFoundError(id);
    return toCustomerResponse(customer);
  }

  /** The customers with these ids, in one statement; unknown ids (and malformed ones) are simply absent. */
  async getMany(orgId: string, ids: readonly string[]): Promise<CustomerResponse[]> {
    const unique = [...new Set(ids)].filter((id) => isUuid(id));
    if (unique.length === 0) return [];
    const rows = await this.tx.manager
      .createQueryBuilder(Customer, 'c')
      .where('c.org_id = :orgId AND c.id = ANY(:ids)', { orgId, ids: unique })
      .getMany();
    return rows.map(toCustomerResponse);
  }

  /** The customer with this external id, or a 404. */
  async getByExternalId(orgId: string, externalId: string): Promise<CustomerResponse> {
    const customer = await this.tx.manager.findOneBy(Customer, { orgId, externalId });
    if (!customer) throw new CustomerNotFoundError();
    return toCustomerResponse(customer);
  }

  /** The customers with these external ids; ids that match nothing are simply absent from the result. */
  async findByExternalIds(orgId: string, externalIds: readonly string[]): Promise<CustomerResponse[]> {
    const unique = [...new Set(externalIds)];
    if (unique.length === 0) return [];
    const rows = await this.tx.manager
      .createQueryBuilder(Customer, 'c')
      .where('c.org_id = :orgId AND c.external_id = ANY(:externalIds)', { orgId, externalIds: unique })
      .getMany();
    return rows.map(toCustomerResponse);
  }

  /**
   * For invoicing, inside its transaction: marks the customer as invoiced (from then on it can be archived
   * but not deleted). Idempotent; the first instant is kept. A 404 for an unknown customer.
   */
  recordFirstInvoice(orgId: string, id: string, at: Date = new Date()): Promise<void> {
    return this.recordFirstInvoices(orgId, [id], at);
  }

  /**
   * `recordFirstInvoice` for many customers in one statement (a billing batch's); a 404 for the first one that
   * does not exist.
   */
  async recordFirstInvoices(orgId: string, ids: readonly string[], at: Date = new Date()): Promise<void> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return;
    const result = await this.tx.manager
      .createQueryBuilder()
      .update(Customer)
      .set({ firstInvoicedAt: at })
      .where('org_id = :orgId AND id = ANY(:ids) AND first_invoiced_at IS NULL', { orgId, ids: unique })
      .returning(['id'])
      .execute();
    const marked = new Set((result.raw as { id: string }[]).map((row) => row.id));
    const rest = unique.filter((id) => !marked.has(id));
    // Invoiced since they were read (by another transaction), or deleted: only the latter is an error.
    if (rest.length === 0) return;
    const found = new Set((await this.getMany(orgId, rest)).map((c) => c.id));
    const missing = rest.find((id) => !found.has(id));
    if (missing !== undefined) throw new CustomerNotFoundError(missing);
  }

  /** PATCH semantics: only the fields present change. An archived customer must be unarchived first. */
  update(orgId: string, id: string, input: UpdateCustomerDto): Promise<CustomerResponse> {
    return this.tx.run(async (manager) => {
      const current = await manager
        .createQueryBuilder(Customer, 'c')
        .setLock('pessimistic_write')
        .where('c.org_id = :orgId AND c.id = :id', { orgId, id })
        .getOne();
      if (!current) throw new CustomerNotFoundError(id);
      if (current.archivedAt) {
        throw new CustomersError(
          409,
          CustomersErrorCode.CustomerArchived,
          'The customer is archived; unarchive it before changing it.',
        );
      }
      const changes = changesOf(input);
      const changed = (Object.keys(changes) as (keyof Customer)[]).filter(
        (key) => canonicalJson(changes[key]) !== canonicalJson(current[key]),
      );
      if (changed.length > 0) {
        await manager.update(Customer, { orgId, id }, changes);
        await this.jobs.enqueue(JobName.CustomerUpdated, { orgId, customerId: id, changed });
      }
      return this.get(orgId, id);
    });
  }

  /** Archives the customer (idempotent: an archived customer keeps its `archivedAt`). */
  archive(orgId: string, id: string): Promise<CustomerResponse> {
    return this.setArchived(orgId, id, true);
  }

  unarchive(orgId: string, id: string): Promise<CustomerResponse> {
    return this.setArchived(orgId, id, false);
  }

  /** Deletes a customer that was never invoiced; one that was is a 409 (archive it instead). */
  async delete(orgId: string, id: string): Promise<void> {
    await this.tx.run(async (manager) => {
      const { affected } = await manager
        .createQueryBuilder()
        .delete()
        .from(Customer)
        .where('org_id = :orgId AND id = :id AND first_invoiced_at IS NULL', { orgId, id })
        .execute();
      if (affected) {
        await this.jobs.enqueue(JobName.CustomerDeleted, { orgId, customerId: id });
        return;
      }
      await this.get(orgId, id); // 404 when it does not exist
      throw new CustomersError(
        409,
        CustomersErrorCode.CustomerInvoiced,
        'The customer has been invoiced and cannot be deleted; archive it instead.',
      );
    });
  }

  async list(orgId: string, filter: CustomerFilter, page: PageQuery): Promise<Page<CustomerResponse>> {
    const result = await paginateById(this.filtered(orgId, filter), page);
    return { ...result, data: result.data.map(toCustomerResponse) };
  }

  /** Every matching customer, newest first, fetched in keyset batches so memory stays flat. */
  async *stream(orgId: string, filter: CustomerFilter): AsyncGenerator<CustomerResponse> {
    const query = () => this.filtered(orgId, filter);
    let lastId: string | undefined;
    for (;;) {
      const batch = query();
      if (lastId) batch.andWhere('c.id < :lastId', { lastId });
      const rows = await batch.orderBy('c.id', 'DESC').take(EXPORT_BATCH).getMany();
      for (const row of rows) yield toCustomerResponse(row);
      if (rows.length < EXPORT_BATCH) return;
      lastId = rows[rows.length - 1].id;
    }
  }

  /** What the DTO cannot check: createdFrom not after createdTo. Call before streaming starts. */
  assertFilter(filter: CustomerFilter): void {
    if (
      filter.createdFrom &&
      filter.createdTo &&
      Date.parse(filter.createdFrom) > Date.parse(filter.createdTo)
    ) {
      throw new AppError(
        400,
        CoreErrorCode.ValidationFailed,
        'createdFrom must not be later than createdTo.',
        [{ field: 'createdFrom', message: 'createdFrom must not be later than createdTo' }],
      );
    }
  }

  private filtered(orgId: string, filter: CustomerFilter): SelectQueryBuilder<Customer> {
    this.assertFilter(filter);
    const query = this.tx.manager.createQueryBuilder(Customer, 'c').where('c.org_id = :orgId', { orgId });
    if (filter.email) query.andWhere('c.billing_emails @> ARRAY[:email]::text[]', { email: filter.email });
    if (filter.externalId) query.andWhere('c.external_id = :externalId', { externalId: filter.externalId });
    if (filter.currency) query.andWhere('c.currency = :currency', { currency: filter.currency });
    if (filter.createdFrom)
      query.andWhere('c.created_at >= :createdFrom', { createdFrom: new Date(filter.createdFrom) });
    if (filter.createdTo)
      query.andWhere('c.created_at < :createdTo', { createdTo: new Date(filter.createdTo) });
    if (filter.archived === true) query.andWhere('c.archived_at IS NOT NULL');
    if (filter.archived === false) query.andWhere('c.archived_at IS NULL');
    if (filter.q) {
      // Matches the trigram index on customers_search_text(name, billing_emails) (see the migration).
      query.andWhere(`customers_search_text(c.name, c.billing_emails) LIKE :q ESCAPE '\\'`, {
        q: `%${escapeLike(filter.q.trim().toLowerCase())}%`,
      });
    }
    return query;
  }

  private setArchived(orgId: string, id: string, archived: boolean): Promise<CustomerResponse> {
    return this.tx.run(async (manager) => {
      const { affected } = await manager
        .createQueryBuilder()
        .update(Customer)
        .set({ archivedAt: archived ? () => 'now()' : null })
        .where(`org_id = :orgId AND id = :id AND archived_at IS ${archived ? '' : 'NOT '}NULL`, { orgId, id })
        .execute();
      if (affected) {
        await this.jobs.enqueue(JobName.CustomerUpdated, { orgId, customerId: id, changed: ['archivedAt'] });
      }
      return this.get(orgId, id);
    });
  }
}
