// Transactional outbox: JobQueue.enqueue inside transactions vs the same rows INSERTed with raw pg, and the
// relay (OutboxRelay.drain: outbox rows -> BullMQ) vs raw BullMQ addBulk of the same jobs. Each ceiling is
// measured in the same run. Uses its own database (billing_bench, dropped afterwards) and a unique Redis
// prefix (deleted afterwards).
import 'reflect-metadata';
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import {
  CoreModule,
  JobName,
  JobQueue,
  JOB_QUEUES,
  OutboxRelay,
  QueueRegistry,
  TransactionContext,
  newId,
} from '@app/core';
import { detail, fmt, openSandbox, ratio, result, runBench, timed } from './bench-kit';

const ROWS = Number(process.env.BENCH_OUTBOX_ROWS ?? 2000);
const PER_TRANSACTION = 100;
const WARMUP_ROWS = 200;
const RELAY_BATCH = 200; // OutboxRelay's batch size; the addBulk ceiling uses the same chunks
const BENCH_DATABASE = 'billing_bench';
const JOB = JobName.SendEmail;

@Module({ imports: [CoreModule] })
class OutboxBenchModule {}

const payloadOf = (i: number) => ({ emailId: `bench-${i}` });

async function enqueueViaJobQueue(context: INestApplicationContext, rows: number): Promise<void> {
  const tx = context.get(TransactionContext);
  const jobs = context.get(JobQueue);
  for (let start = 0; start < rows; start += PER_TRANSACTION) {
    await tx.run(async () => {
      for (let i = start; i < Math.min(start + PER_TRANSACTION, rows); i++)
        await jobs.enqueue(JOB, payloadOf(i));
    });
  }
}

/** The same statements without the ORM: one INSERT per row, PER_TRANSACTION rows per transaction. */
async function insertRaw(client: Client, rows: number): Promise<void> {
  for (let start = 0; start < rows; start += PER_TRANSACTION) {
    await client.query('BEGIN');
    for (let i = start; i < Math.min(start + PER_TRANSACTION, rows); i++) {
      await client.query('INSERT INTO outbox (id, job_name, payload, options) VALUES ($1, $2, $3, $4)', [
        newId(),
        JOB,
        JSON.stringify(payloadOf(i)),
        '{}',
      ]);
    }
    await client.query('COMMIT');
  }
}

/** The batching headroom: one multi-row INSERT per transaction. */
async function insertRawMultiRow(client: Client, rows: number): Promise<void> {
  for (let start = 0; start < rows; start += PER_TRANSACTION) {
    const ids: string[] = [];
    const payloads: string[] = [];
    for (let i = start; i < Math.min(start + PER_TRANSACTION, rows); i++) {
      ids.push(newId());
      payloads.push(JSON.stringify(payloadOf(i)));
    }
    await client.query(
      `INSERT INTO outbox (id, job_name, payload, options)
       SELECT id, $2, payload, '{}'::jsonb FROM unnest($1::uuid[], $3::jsonb[]) AS t(id, payload)`,
      [ids, JOB, payloads],
    );
  }
}

/** Connections, JIT and plan caches warmed on every path, then everything cleared. Not measured. */
async function warmUp(context: INestApplicationContext, client: Client): Promise<void> {
  const queue = context.get(QueueRegistry).get(JOB_QUEUES[JOB]);
  await insertRaw(client, WARMUP_ROWS);
  await insertRawMultiRow(client, WARMUP_ROWS);
  await client.query('DELETE FROM outbox');
  await enqueueViaJobQueue(context, WARMUP_ROWS);
  await context.get(OutboxRelay).drain();
  await queue.addBulk(Array.from({ length: WARMUP_ROWS }, (_, i) => ({ name: JOB, data: payloadOf(i) })));
  for (let i = 0; i < WARMUP_ROWS; i++) await queue.add(JOB, payloadOf(i));
  await queue.obliterate({ force: true });
  await client.query('DELETE FROM outbox');
}

async function measureEnqueue(context: INestApplicationContext, client: Client) {
  const raw = await timed(() => insertRaw(client, ROWS));
  await client.query('DELETE FROM outbox');
  const multiRow = await timed(() => insertRawMultiRow(client, ROWS));
  await client.query('DELETE FROM outbox');
  const viaQueue = await timed(() => enqueueViaJobQueue(context, ROWS)); // left pending for the relay
  return {
    jobQueue: ROWS / viaQueue.seconds,
    raw: ROWS / raw.seconds,
    multiRow: ROWS / multiRow.seconds,
  };
}

/** Relays what the enqueue measurement left in the outbox (ROWS pending rows), then the BullMQ ceilings. */
async function measureRelay(context: INestApplicationContext, client: Client) {
  const queue = context.get(QueueRegistry).get(JOB_QUEUES[JOB]);
  const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM outbox WHERE sent_at IS NULL');
  if (Number(rows[0].count) !== ROWS)
    throw new Error(`expected ${ROWS} pending outbox rows, found ${rows[0].count}`);

  const drained = await timed(() => context.get(OutboxRelay).drain());
  if (drained.value !== ROWS) throw new Error(`relay moved ${drained.value} rows, expected ${ROWS}`);
  const inQueue = await queue.getJobCountByTypes('waiting', 'prioritized', 'delayed');
  if (inQueue !== ROWS) throw new Error(`BullMQ holds ${inQueue} jobs after the relay, expected ${ROWS}`);
  await queue.obliterate({ force: true });

  // Same jobs, same options (job id = a fresh uuid, as the relay uses the outbox row id).
  const jobs = Array.from({ length: ROWS }, (_, i) => ({
    name: JOB,
    data: payloadOf(i),
    opts: { jobId: newId() },
  }));
  const bulk = await timed(async () => {
    for (let start = 0; start < ROWS; start += RELAY_BATCH)
      await queue.addBulk(jobs.slice(start, start + RELAY_BATCH));
  });
  await queue.obliterate({ force: true });

  const single = await timed(async () => {
    for (let i = 0; i < ROWS; i++) await queue.add(JOB, payloadOf(i), { jobId: newId() });
  });
  await queue.obliterate({ force: true });
  return {
    relay: ROWS / drained.seconds,
    addBulk: ROWS / bulk.seconds,
    addOneByOne: ROWS / single.seconds,
  };
}

async function main(): Promise<void> {
  const sandbox = await openSandbox(BENCH_DATABASE, 'bench');
  const prefix = sandbox.redisPrefix;
  let context: INestApplicationContext | undefined;
  const client = new Client({ connectionString: sandbox.databaseUrl });
  try {
    await client.connect();
    context = await NestFactory.createApplicationContext(OutboxBenchModule, { logger: false });
    await context.init();
    console.log(
      `outbox: ${fmt(ROWS)} jobs, ${PER_TRANSACTION} enqueues per transaction; relay batches of ${RELAY_BATCH} ` +
        `(database ${BENCH_DATABASE}, Redis prefix ${prefix})`,
    );

    await warmUp(context, client);
    const enqueue = await measureEnqueue(context, client);
    detail(`JobQueue.enqueue (TypeORM, in tx)   ${fmt(enqueue.jobQueue).padStart(7)} rows/s`);
    detail(`raw pg INSERT per row (same tx)     ${fmt(enqueue.raw).padStart(7)} rows/s`);
    detail(`raw pg multi-row INSERT per tx      ${fmt(enqueue.multiRow).padStart(7)} rows/s`);
    const relay = await measureRelay(context, client);
    detail(`OutboxRelay.drain -> BullMQ         ${fmt(relay.relay).padStart(7)} rows/s`);
    detail(`raw BullMQ addBulk (chunks of ${RELAY_BATCH})   ${fmt(relay.addBulk).padStart(7)} jobs/s`);
    detail(`raw BullMQ add, one at a time       ${fmt(relay.addOneByOne).padStart(7)} jobs/s`);

    result(
      `outbox enqueue: JobQueue ${fmt(enqueue.jobQueue)} rows/s | raw INSERT ${fmt(enqueue.raw)} rows/s ` +
        `(JobQueue ${ratio(enqueue.jobQueue, enqueue.raw)} of raw; multi-row INSERT ${fmt(enqueue.multiRow)} rows/s, ` +
        `JobQueue ${ratio(enqueue.jobQueue, enqueue.multiRow)} of it)`,
    );
    result(
      `outbox relay: drain ${fmt(relay.relay)} rows/s | raw addBulk ${fmt(relay.addBulk)} jobs/s ` +
        `(relay ${ratio(relay.relay, relay.addBulk)} of raw; one-at-a-time add ${fmt(relay.addOneByOne)} jobs/s, ` +
        `relay ${ratio(relay.relay, relay.addOneByOne)} of it)`,
    );
  } finally {
    await context?.close();
    await client.end().catch(() => undefined);
    const keys = await sandbox.cleanUp();
    detail(`cleaned up: dropped ${BENCH_DATABASE}, deleted ${keys} Redis key(s) under ${prefix}:`);
  }
}

if (require.main === module) runBench('outbox', main);
