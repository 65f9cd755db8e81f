import { MailTemplate } from '../mail-template';

export const testMessageTemplate: MailTemplate<{ sentBy: string; publicUrl: string }> = {
  name: 'test-message',
  subject: 'Test message from your billing platform',
  html: `<h1 style="font-size:20px">Email delivery works</h1>
<p>This test message was requested by {{sentBy}}. If you can read it, outgoing mail from
<a href="{{publicUrl}}">{{publicUrl}}</a> is configured correctly.</p>`,
  text: `Email delivery works

This test message was requested by {{sentBy}}. If you can read it, outgoing mail from {{publicUrl}} is configured correctly.`,
};
