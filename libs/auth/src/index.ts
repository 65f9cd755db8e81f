export * from './auth.module';
export * from './auth.errors';
export * from './roles';
export { OrganizationsService } from './services/organizations.service';
export type { OrganizationProfile } from './services/organizations.service';
export { Organization } from './entities/organization.entity';
export type { PostalAddress, TaxId } from './entities/organization.entity';
export { API_KEY_PREFIX } from './services/api-keys.service';
export { AllowDuring2faEnrollment, CurrentUser, Principal } from './http/auth.decorators';
