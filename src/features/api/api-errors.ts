/**
 * How the API answers what goes wrong: JSON `{ error: { code, message } }` with 400, 401, 403, 404
 * (or 500, logged without the request's data), never a page.
 */
import type { FastifyInstance } from 'fastify';
import { answerIfUnavailable } from '../../lib/service-availability.ts';
import { answeredStatus } from '../../web/error-status.ts';

/** An answer the API gives on purpose: its status, its code and its message. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Answers the plugin's errors, and addresses it does not know, as JSON. */
export function answerErrorsAsJson(app: FastifyInstance): void {
  app.setErrorHandler(async (error: Error & { statusCode?: number }, request, reply) => {
    if (await answerIfUnavailable(error, request, reply)) return reply;
    if (error instanceof ApiError)
      return reply.code(error.statusCode).send({ error: { code: error.code, message: error.message } });
    const status = answeredStatus(error, request);
    const code = status === 403 ? 'forbidden' : status === 500 ? 'server_error' : 'bad_request';
    return reply.code(status).send({
      error: {
        code,
        message:
          status === 403
            ? 'The API is read-only: only GET requests are accepted.'
            : status === 500
              ? 'Something went wrong. Try again later.'
              : 'The request could not be read.',
      },
    });
  });
  app.setNotFoundHandler(async (_request, reply) =>
    reply.code(404).send({ error: { code: 'not_found', message: 'There is no such resource.' } }),
  );
}
