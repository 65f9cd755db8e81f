import { invalidRequest } from '../http/errors';
import { Params } from '../http/form-params';
import { Router } from '../http/router';
import { mergeMetadata, optionalNullableString, optionalObject, optionalString } from '../http/params';
import { newId } from '../state/ids';
import { paginate } from '../state/list';
import { Customer } from '../state/objects';
import { ResourceContext } from './context';

const TEXT_FIELDS = ['email', 'name', 'description', 'phone'] as const;

function applyCustomerParams(ctx: ResourceContext, customer: Customer, params: Params): void {
  for (const field of TEXT_FIELDS) {
    const value = optionalNullableString(params, field);
    if (value !== undefined) customer[field] = value;
  }
  customer.metadata = mergeMetadata(customer.metadata, params);
  const settings = optionalObject(params, 'invoice_settings');
  const defaultMethod = settings && optionalNullableString(settings, 'default_payment_method');
  if (defaultMethod) {
    const method = ctx.account.paymentMethods.get(defaultMethod);
    if (method?.customer !== customer.id)
      throw invalidRequest(
        `The customer does not have a payment method with the ID ${defaultMethod}. The payment method must be attached to the customer.`,
        'resource_missing',
        'invoice_settings[default_payment_method]',
      );
  }
  if (defaultMethod !== undefined) customer.invoice_settings.default_payment_method = defaultMethod;
}

export function registerCustomerRoutes(router: Router<ResourceContext>): void {
  router
    .add('POST', '/v1/customers', (ctx, params) => {
      const customer: Customer = {
        id: newId('cus'),
        object: 'customer',
        created: ctx.now(),
        email: null,
        name: null,
        description: null,
        phone: null,
        metadata: {},
        invoice_settings: { default_payment_method: null },
        livemode: false,
      };
      applyCustomerParams(ctx, customer, params);
      ctx.account.customers.add(customer);
      ctx.emit('customer.created', customer);
      return customer;
    })
    .add('GET', '/v1/customers', (ctx, params) => {
      const email = optionalString(params, 'email');
      const items = ctx.account.customers.all().filter((c) => !email || c.email === email);
      return paginate(items, params, '/v1/customers');
    })
    .add('GET', '/v1/customers/:id', (ctx, _params, path) => ctx.account.customers.require(path.id))
    .add('POST', '/v1/customers/:id', (ctx, params, path) => {
      const customer = ctx.account.customers.require(path.id);
      applyCustomerParams(ctx, customer, params);
      ctx.emit('customer.updated', customer);
      return customer;
    })
    .add('DELETE', '/v1/customers/:id', (ctx, _params, path) => {
      const customer = ctx.account.customers.require(path.id);
      ctx.account.customers.delete(customer.id);
      ctx.emit('customer.deleted', customer);
      return { id: customer.id, object: 'customer', deleted: true };
    });
}
