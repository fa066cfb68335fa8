import type { FastifyInstance } from 'fastify';

/**
 * Starts listening. Everything else (store, routes) is set up by `buildApp`.
 * @param app an app from `buildApp`
 * @param options `port` (0 picks a free one) and `host` (127.0.0.1 locally, 0.0.0.0 in a container)
 * @returns the address the server listens on, e.g. 'http://127.0.0.1:3000'
 */
export async function startServer(
  app: FastifyInstance,
  options: { port: number; host: string },
): Promise<string> {
  return app.listen({ port: options.port, host: options.host });
}
