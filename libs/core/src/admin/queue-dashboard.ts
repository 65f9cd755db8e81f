import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import { AppConfig } from '../config/app-config';
import { QueueRegistry } from '../queue/queue-registry';
import { carriesOperatorToken } from './operator-token';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/** Mounts Bull Board for operators (HTTP Basic with ADMIN_API_TOKEN as the password, or Bearer). */
export async function mountQueueDashboard(
  fastify: FastifyInstance,
  queues: QueueRegistry,
  config: AppConfig,
): Promise<void> {
  const serverAdapter = new BullBoardFastifyAdapter();
  createBullBoard({ queues: queues.all().map((queue) => new BullMQAdapter(queue)), serverAdapter });
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  await fastify.register(
    async (scope) => {
      scope.addHook('onRequest', async (request, reply) => {
        if (carriesOperatorToken(request.headers.authorization, config.ADMIN_API_TOKEN)) return;
        await reply
          .status(401)
          .header('www-authenticate', 'Basic realm="queues", charset="UTF-8"')
          .header('content-type', 'application/problem+json')
          .send({
            type: 'urn:billing:problem:unauthorized',
            title: 'Unauthorized',
            status: 401,
            detail:
              'The queue dashboard needs the ADMIN_API_TOKEN (as the Basic password or a Bearer token).',
            code: 'unauthorized',
            instance: request.url.split('?')[0],
            requestId: String(request.id),
          });
      });
      await scope.register(serverAdapter.registerPlugin());
    },
    { prefix: QUEUE_DASHBOARD_PATH },
  );
}
