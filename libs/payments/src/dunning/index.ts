import { DunningReadsService } from './dunning-reads.service';
import { DunningSubscriptions } from './dunning-subscriptions';
import { DunningController } from './dunning.controller';
import { DunningJobs } from './dunning.jobs';
import { DunningService } from './dunning.service';

export const DUNNING_PROVIDERS = [DunningService, DunningSubscriptions, DunningReadsService, DunningJobs];
export const DUNNING_CONTROLLERS = [DunningController];
