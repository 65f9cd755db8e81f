import { LocalRecordsReader } from './local-records';
import { ReconciliationController } from './reconciliation.controller';
import { ReconciliationJobs } from './reconciliation.jobs';
import { ReconciliationRunner } from './reconciliation.runner';
import { ReconciliationService } from './reconciliation.service';

export const RECONCILIATION_PROVIDERS = [
  ReconciliationJobs,
  ReconciliationService,
  ReconciliationRunner,
  LocalRecordsReader,
];
export const RECONCILIATION_CONTROLLERS = [ReconciliationController];
