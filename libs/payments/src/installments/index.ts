import { InstallmentsJobs } from './installments.jobs';

export const INSTALLMENTS_PROVIDERS = [InstallmentsJobs];
export const INSTALLMENTS_CONTROLLERS = [];
