import { MailTemplate } from '@app/core';

const paragraph = (text: string) => `<p style="font-size:15px;line-height:1.5">${text}</p>`;
const button = `<p><a href="{{link}}" style="display:inline-block;background:#4f46e5;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">{{action}}</a></p>
<p style="font-size:12px;color:#6e7781">Or open this link: {{link}}</p>`;

type LinkContext = { name: string; link: string; action: string; hours: number };

export const verifyEmailTemplate: MailTemplate<LinkContext> = {
  name: 'auth-verify-email',
  subject: 'Confirm your email address',
  html: `${paragraph('Hello {{name}}, please confirm your email address. The link is valid for {{hours}} hours.')}${button}`,
  text: `Hello {{name}},

please confirm your email address by opening this link (valid for {{hours}} hours):
{{link}}`,
};

export const changeEmailTemplate: MailTemplate<LinkContext> = {
  name: 'auth-change-email',
  subject: 'Confirm your new email address',
  html: `${paragraph('Hello {{name}}, confirm that this is your new sign-in address. The link is valid for {{hours}} hours.')}${button}`,
  text: `Hello {{name}},

confirm that this is your new sign-in address by opening this link (valid for {{hours}} hours):
{{link}}`,
};

export const resetPasswordTemplate: MailTemplate<LinkContext> = {
  name: 'auth-reset-password',
  subject: 'Reset your password',
  html: `${paragraph('Hello {{name}}, someone asked to reset your password. If it was you, the link below is valid for {{hours}} hour(s). If not, ignore this email.')}${button}`,
  text: `Hello {{name}},

someone asked to reset your password. If it was you, open this link (valid for {{hours}} hour(s)):
{{link}}

If it was not you, ignore this email; your password is unchanged.`,
};

export const accountExistsTemplate: MailTemplate<{ name: string; link: string }> = {
  name: 'auth-account-exists',
  subject: 'You already have an account',
  html: paragraph(
    'Hello {{name}}, someone tried to sign up with this address, which already has an account. If it was you, sign in or reset your password at <a href="{{link}}">{{link}}</a>.',
  ),
  text: `Hello {{name}},

someone tried to sign up with this address, which already has an account. If it was you, sign in or reset your password at:
{{link}}`,
};

export const invitationTemplate: MailTemplate<{
  orgName: string;
  inviter: string;
  role: string;
  link: string;
  days: number;
}> = {
  name: 'auth-invitation',
  subject: 'You are invited to join {{orgName}}',
  html: `${paragraph('{{inviter}} invited you to join <strong>{{orgName}}</strong> as {{role}}. The invitation is valid for {{days}} days.')}
<p><a href="{{link}}">Accept the invitation</a></p><p style="font-size:12px;color:#6e7781">{{link}}</p>`,
  text: `{{inviter}} invited you to join {{orgName}} as {{role}}. The invitation is valid for {{days}} days.

Accept it here:
{{link}}`,
};

export const passwordChangedTemplate: MailTemplate<{ name: string }> = {
  name: 'auth-password-changed',
  subject: 'Your password was changed',
  html: paragraph('Hello {{name}}, your password was just changed. If this was not you, reset it at once.'),
  text: `Hello {{name}},

your password was just changed. If this was not you, reset it at once.`,
};
