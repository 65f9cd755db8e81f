import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { Job } from 'bullmq';
import { JOB_HANDLER_METADATA, JobHandlerMetadata } from './job-handler.decorator';
import { isDomainEvent } from './domain-events';
import { JobName } from './jobs';

export interface RegisteredJobHandler extends JobHandlerMetadata {
  run: (payload: unknown, job: Job) => Promise<unknown>;
  owner: string;
}

export class MissingJobHandlerError extends Error {
  constructor(readonly missing: string[]) {
    super(`Worker refuses to start: no processor for job name(s) ${missing.join(', ')}.`);
    this.name = 'MissingJobHandlerError';
  }
}

/** Finds every @JobHandler method among the app's providers and checks that each job name has exactly one. */
@Injectable()
export class JobHandlerRegistry {
  private handlers?: Map<JobName, RegisteredJobHandler>;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  /** Throws MissingJobHandlerError unless every JobName has a handler; throws on duplicates too. */
  load(): Map<JobName, RegisteredJobHandler> {
    if (this.handlers) return this.handlers;
    const handlers = new Map<JobName, RegisteredJobHandler>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      for (const method of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance) as object)) {
        const fn = instance[method] as (...args: unknown[]) => Promise<unknown>;
        const meta = this.reflector.get<JobHandlerMetadata | undefined>(JOB_HANDLER_METADATA, fn);
        if (!meta) continue;
        const owner = `${instance.constructor.name}.${method}`;
        if (isDomainEvent(meta.name))
          throw new Error(
            `${owner} processes the domain event ${meta.name}: consume it through EVENT_CONSUMERS.`,
          );
        const existing = handlers.get(meta.name);
        if (existing) throw new Error(`Job ${meta.name} has two processors: ${existing.owner} and ${owner}.`);
        handlers.set(meta.name, { ...meta, owner, run: (payload, job) => fn.call(instance, payload, job) });
      }
    }
    // Domain events are recorded, never processed: their consumers are (see domain-events.ts).
    const missing = Object.values(JobName).filter((name) => !handlers.has(name) && !isDomainEvent(name));
    if (missing.length > 0) throw new MissingJobHandlerError(missing);
    this.handlers = handlers;
    return handlers;
  }
}
