import { Global, Module } from '@nestjs/common';
import { MailSender } from './mail-sender';
import { MailService } from './mail.service';
import { MailTransport } from './mail-transport';

@Global()
@Module({
  providers: [MailService, MailSender, MailTransport],
  exports: [MailService],
})
export class MailModule {}
