export * from './credits.module';
export * from './credits.types';
export { CreditsService } from './services/credits.service';
