import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../src/http/app.ts';
import type { Store } from '../../src/store/database.ts';

/** A running app for browser journeys. */
export interface RunningApp {
  app: FastifyInstance;
  /** e.g. 'http://127.0.0.1:41234' */
  baseUrl: string;
  /** Stops listening (the store stays open: its owner closes it). */
  close(): Promise<void>;
}

/**
 * Builds the app on a store and listens on a free port of the loopback interface. HTTP tests use
 * `app.inject()` instead; only browser journeys need a real socket.
 * @param store an open, migrated store
 * @param options other `buildApp` options (e.g. `accounts` with a test SMTP server's mailer)
 * @returns the app, its base URL and how to stop it
 */
export async function startApp(store: Store, options: Omit<AppOptions, 'store'> = {}): Promise<RunningApp> {
  const app = await buildApp({ ...options, store });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, baseUrl, close: () => app.close() };
}
