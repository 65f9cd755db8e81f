import { randomBytes } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import { generate } from 'otplib';
import { TestApp, startTestApp } from './test-app';
import { SmtpCapture } from '../smtp/smtp-capture';

export const TEST_JWT_SECRET = 'test-jwt-secret-0123456789abcdefghijklmnop';

export interface AuthTestApp extends TestApp {
  smtp: SmtpCapture;
  stop: () => Promise<void>;
}

/** The real API + worker with a capturing SMTP server; anonymous rate limits high enough for test traffic. */
export async function startAuthApp(env: Record<string, string> = {}): Promise<AuthTestApp> {
  const smtp = new SmtpCapture();
  const smtpUrl = await smtp.start();
  const t = await startTestApp({
    worker: true,
    env: {
      SMTP_URL: smtpUrl,
      JWT_SECRET: TEST_JWT_SECRET,
      RATE_LIMIT_ANONYMOUS: '100000',
      RATE_LIMIT_AUTHENTICATED: '100000',
      AUTH_FAILURE_DELAY_MS: '0',
      ...env,
    },
  });
  return {
    ...t,
    smtp,
    stop: async () => {
      await t.close();
      await smtp.stop();
    },
  };
}

export const uniqueEmail = (label = 'user'): string =>
  `${label}-${randomBytes(5).toString('hex')}@example.test`;

/** A code or id nobody else in the test database uses: `label_<8 hex>`. */
export const uniqueRef = (label: string): string => `${label}_${randomBytes(4).toString('hex')}`;

export const strongPassword = (): string => `Correct horse ${randomBytes(6).toString('hex')} battery`;

export const bearer = (token: string): [string, string] => ['authorization', `Bearer ${token}`];

/** Requests as `user`: `asUser(t, owner).post('/v1/coupons', body).expect(201)`. */
export const asUser = (t: Pick<TestApp, 'http'>, user: Pick<SignedUpUser, 'accessToken'>) => {
  const authorized = (method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string) =>
    t
      .http()
      [method](path)
      .set(...bearer(user.accessToken));
  return {
    get: (path: string) => authorized('get', path),
    delete: (path: string) => authorized('delete', path),
    post: (path: string, body?: object) => authorized('post', path).send(body),
    put: (path: string, body: object) => authorized('put', path).send(body),
    patch: (path: string, body: object) => authorized('patch', path).send(body),
  };
};

/** Waits for a mail to `to` whose subject matches, and returns the `token` of the first link in its text. */
export async function mailedToken(t: AuthTestApp, to: string, subject: RegExp): Promise<string> {
  const mail = await waitForMail(t, to, subject);
  const link = /https?:\/\/\S+[?&]token=([\w-]+)/.exec(mail.text ?? '');
  if (!link) throw new Error(`No link with a token in the mail "${mail.subject}"`);
  return link[1];
}

export async function waitForMail(t: AuthTestApp, to: string, subject: RegExp): Promise<ParsedMail> {
  await t.drainJobs();
  return t.smtp.waitFor((m) => recipients(m).includes(to) && subject.test(m.subject ?? ''));
}

export const mailsTo = (t: AuthTestApp, to: string, subject: RegExp): ParsedMail[] =>
  t.smtp.messages.filter((m) => recipients(m).includes(to) && subject.test(m.subject ?? ''));

const recipients = (mail: ParsedMail): string[] =>
  (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) =>
    a.value.map((v) => v.address ?? ''),
  );

export interface SignedUpUser {
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
  userId: string;
  orgId: string;
}

/** Signs up (organisation + owner), follows the verification link and logs in. */
export async function signUpAndLogin(t: AuthTestApp, label = 'owner'): Promise<SignedUpUser> {
  const email = uniqueEmail(label);
  const password = strongPassword();
  await t
    .http()
    .post('/v1/auth/signup')
    .send({ name: `The ${label}`, email, password, organizationName: `${label} Ltd` })
    .expect(202);
  const token = await mailedToken(t, email, /Confirm your email/);
  await t.http().post('/v1/auth/verify-email').send({ token }).expect(200);
  return login(t, email, password);
}

export async function login(
  t: AuthTestApp,
  email: string,
  password: string,
  organizationId?: string,
): Promise<SignedUpUser> {
  const res = await t.http().post('/v1/auth/login').send({ email, password, organizationId }).expect(200);
  const tokens = res.body as { accessToken: string; refreshToken: string };
  const me = await t
    .http()
    .get('/v1/auth/me')
    .set(...bearer(tokens.accessToken))
    .expect(200);
  const profile = me.body as { id: string; organizationId: string };
  return {
    email,
    password,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    userId: profile.id,
    orgId: profile.organizationId,
  };
}

/** Invites `email` with `role` into the org of `admin` and accepts as a new user; returns a logged-in member. */
export async function addMember(
  t: AuthTestApp,
  admin: SignedUpUser,
  role: string,
  label = role,
): Promise<SignedUpUser> {
  const email = uniqueEmail(label);
  const password = strongPassword();
  await t
    .http()
    .post('/v1/org/invitations')
    .set(...bearer(admin.accessToken))
    .send({ email, role })
    .expect(201);
  const token = await mailedToken(t, email, /invited to join/);
  await t
    .http()
    .post('/v1/auth/invitations/accept')
    .send({ token, name: `The ${label}`, password })
    .expect(200);
  return login(t, email, password, admin.orgId);
}

/** A TOTP code for the current time step. */
export const totp = (secret: string): Promise<string> => generate({ secret });

/** A TOTP code for the next 30-second step (accepted thanks to the ±1 step tolerance). */
export const nextTotp = (secret: string): Promise<string> =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
