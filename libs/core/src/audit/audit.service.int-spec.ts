import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { startCoreContext } from '../../../../test/kit/core-context';
import { TransactionContext } from '../database/transaction-context';
import { AuditLog } from './audit-log.entity';
import { AuditRequestContext } from './audit-request-context';
import { AuditService } from './audit.service';
import { REDACTED } from './redact';

describe('AuditService', () => {
  let context: INestApplicationContext;
  let audit: AuditService;
  let tx: TransactionContext;
  let db: DataSource;

  beforeAll(async () => {
    context = await startCoreContext();
    audit = context.get(AuditService);
    tx = context.get(TransactionContext);
    db = context.get(DataSource);
  });
  afterAll(() => context.close());

  const entriesOf = (orgId: string) => db.getRepository(AuditLog).findBy({ orgId });

  it('writes an entry with redacted changes', async () => {
    const orgId = randomUUID();
    const written = await audit.record({
      orgId,
      actor: { kind: 'user', id: 'u-1' },
      action: 'user.password_changed',
      target: { type: 'user', id: 'u-1' },
      changes: { password: { before: 'old', after: 'new' }, name: { before: 'A', after: 'B' } },
    });
    const [row] = await entriesOf(orgId);
    expect(row).toMatchObject({
      id: written.id,
      actorKind: 'user',
      actorId: 'u-1',
      action: 'user.password_changed',
      targetType: 'user',
      targetId: 'u-1',
      changes: { password: { before: REDACTED, after: REDACTED }, name: { before: 'A', after: 'B' } },
      ip: null,
      requestId: null,
    });
    expect(row.createdAt).toBeInstanceOf(Date);
  });

  it("records 'system' and platform events without an organisation", async () => {
    const written = await audit.record({ orgId: null, actor: 'system', action: 'invoice_run.started' });
    const row = await db.getRepository(AuditLog).findOneByOrFail({ id: written.id });
    expect(row).toMatchObject({ orgId: null, actorKind: 'system', actorId: 'system', changes: null });
  });

  it('fills ip, user agent and request id from the request being handled', async () => {
    const orgId = randomUUID();
    const request = { ip: '203.0.113.9', id: 'req-42', headers: { 'user-agent': 'jest/1' } };
    await AuditRequestContext.run(request as unknown as FastifyRequest, async () => {
      await new Promise((resolve) => setImmediate(resolve)); // survives an async hop
      await audit.record({ orgId, actor: { kind: 'api_key', id: 'k-1' }, action: 'auth.login_failed' });
      await audit.record({
        orgId,
        actor: { kind: 'api_key', id: 'k-1' },
        action: 'auth.explicit',
        request: { ip: '198.51.100.1' },
      });
    });
    const rows = await entriesOf(orgId);
    expect(rows.find((r) => r.action === 'auth.login_failed')).toMatchObject({
      ip: '203.0.113.9',
      userAgent: 'jest/1',
      requestId: 'req-42',
    });
    expect(rows.find((r) => r.action === 'auth.explicit')).toMatchObject({
      ip: '198.51.100.1',
      requestId: 'req-42',
    });
  });

  it("joins the caller's transaction: a rolled-back change leaves no entry, a committed one does", async () => {
    const orgId = randomUUID();
    await expect(
      tx.run(async () => {
        await audit.record({ orgId, actor: { kind: 'user', id: 'u-1' }, action: 'customer.created' });
        throw new Error('the business change failed');
      }),
    ).rejects.toThrow('the business change failed');
    expect(await entriesOf(orgId)).toHaveLength(0);

    await tx.run(async () => {
      await audit.record({ orgId, actor: { kind: 'user', id: 'u-1' }, action: 'customer.created' });
    });
    expect(await entriesOf(orgId)).toHaveLength(1);
  });

  it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    const orgId = randomUUID();
    const { id } = await audit.record({ orgId, actor: 'system', action: 'customer.created' });

    await expect(
      db.query(`UPDATE audit_log SET action = 'customer.deleted' WHERE id = $1`, [id]),
    ).rejects.toThrow(/append-only: UPDATE/);
    await expect(db.getRepository(AuditLog).update({ id }, { actorId: 'someone-else' })).rejects.toThrow(
      /append-only: UPDATE/,
    );
    await expect(db.query(`DELETE FROM audit_log WHERE id = $1`, [id])).rejects.toThrow(
      /append-only: DELETE/,
    );
    await expect(db.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only: TRUNCATE/);

    const row = await db.getRepository(AuditLog).findOneByOrFail({ id });
    expect(row).toMatchObject({ action: 'customer.created', actorId: 'system' });
  });

  it('does not store oversized changes', async () => {
    const orgId = randomUUID();
    await audit.record({
      orgId,
      actor: 'system',
      action: 'usage.imported',
      changes: { rows: { after: 'x'.repeat(40_000) } },
    });
    const [row] = await entriesOf(orgId);
    expect(row.changes).toEqual({ _truncated: { after: expect.stringMatching(/bytes not recorded/) } });
  });
});
