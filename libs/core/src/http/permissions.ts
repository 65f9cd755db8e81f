/**
 * Every permission string a route can require. Roles map to these in the auth domain's single role table;
 * API keys carry a subset of them as scopes. Domains add theirs here so that any module can declare them.
 */
export enum Permission {
  OrgRead = 'org:read',
  OrgManage = 'org:manage',
  MembersRead = 'members:read',
  MembersManage = 'members:manage',
  ApiKeysManage = 'api_keys:manage',
  AuditRead = 'audit:read',
  CustomersRead = 'customers:read',
  CustomersWrite = 'customers:write',
  CatalogRead = 'catalog:read',
  CatalogWrite = 'catalog:write',
  SubscriptionsRead = 'subscriptions:read',
  SubscriptionsWrite = 'subscriptions:write',
  UsageRead = 'usage:read',
  UsageWrite = 'usage:write',
  InvoicesRead = 'invoices:read',
  InvoicesWrite = 'invoices:write',
  CreditsRead = 'credits:read',
  CreditsWrite = 'credits:write',
  PaymentsRead = 'payments:read',
  PaymentsWrite = 'payments:write',
  PaymentsRefund = 'payments:refund',
  WebhooksManage = 'webhooks:manage',
  ReportsRead = 'reports:read',
}
