import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server in-process that keeps every message it receives, parsed. Used by the tests and as the
 * demo's mail catcher.
 */
export class SmtpCapture {
  readonly messages: ParsedMail[] = [];
  private readonly server: SMTPServer;
  private failuresToInject = 0;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        if (this.failuresToInject > 0) {
          this.failuresToInject--;
          stream.resume();
          stream.on('end', () =>
            callback(Object.assign(new Error('451 temporary failure (injected)'), { responseCode: 451 })),
          );
          return;
        }
        simpleParser(stream)
          .then((mail) => {
            this.messages.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
  }

  /** Starts listening on 127.0.0.1 (port 0 picks a free one) and returns the smtp:// URL. */
  async start(port = 0): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  /** Makes the next `count` deliveries fail with a temporary SMTP error. */
  failNext(count: number): void {
    this.failuresToInject = count;
  }

  async waitFor(predicate: (mail: ParsedMail) => boolean, timeoutMs = 10_000): Promise<ParsedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(predicate);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`No matching email within ${timeoutMs} ms (${this.messages.length} received)`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
