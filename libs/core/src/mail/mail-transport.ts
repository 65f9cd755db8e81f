import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config';

export interface OutgoingAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface OutgoingMessage {
  messageId: string;
  to: string[];
  cc: string[];
  replyTo?: string | null;
  subject: string;
  html: string;
  text: string;
  attachments?: OutgoingAttachment[];
}

/** SMTP delivery through nodemailer, configured by SMTP_URL. */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly transporter: Transporter;

  constructor(private readonly config: AppConfig) {
    this.transporter = nodemailer.createTransport(config.SMTP_URL);
  }

  /** Returns the provider's message id. */
  async send(message: OutgoingMessage): Promise<string> {
    const info = await this.transporter.sendMail({
      from: this.config.MAIL_FROM,
      messageId: message.messageId,
      to: message.to,
      cc: message.cc,
      replyTo: message.replyTo ?? undefined,
      subject: message.subject,
      html: message.html,
      text: message.text,
      attachments: message.attachments,
      // The branded layout carries the org's logo as a data: URI; mail clients block those, so it goes as
      // an inline (cid:) part instead.
      attachDataUrls: true,
    });
    return String(info.messageId ?? message.messageId);
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}
