import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config';

export interface OutgoingMessage {
  messageId: string;
  to: string[];
  cc: string[];
  subject: string;
  html: string;
  text: string;
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
      subject: message.subject,
      html: message.html,
      text: message.text,
    });
    return String(info.messageId ?? message.messageId);
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}
