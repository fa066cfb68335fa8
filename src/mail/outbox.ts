import type { MailMessage, Mailer } from './mailer.ts';

/**
 * Sends mail without making the request wait for the SMTP server: the answer to « mot de passe oublié »
 * then takes as long whether the address has an account (a mail goes) or not (none does), and a slow
 * server does not slow the pages. Failures are logged, never shown (the user can ask again). `drain()`
 * waits for what is in flight (at shutdown, and in tests).
 */
export class Outbox {
  readonly #mailer: Mailer;
  readonly #onError: (error: unknown, message: MailMessage) => void;
  readonly #pending = new Set<Promise<void>>();

  /**
   * @param mailer where messages go
   * @param onError called with the error and the message (log it; its body holds a link secret, so log
   *   the recipient and subject only)
   */
  constructor(mailer: Mailer, onError: (error: unknown, message: MailMessage) => void) {
    this.#mailer = mailer;
    this.#onError = onError;
  }

  /**
   * Starts sending a message and returns at once.
   * @param message the message
   */
  post(message: MailMessage): void {
    const sending = this.#mailer.send(message).catch((error: unknown) => this.#onError(error, message));
    this.#pending.add(sending);
    void sending.finally(() => this.#pending.delete(sending));
  }

  /** Waits until every posted message is sent or has failed. */
  async drain(): Promise<void> {
    while (this.#pending.size > 0) {
      await Promise.all([...this.#pending]);
    }
  }
}
