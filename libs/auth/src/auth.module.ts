import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from '@app/core';
import { DemoAccountService } from './services/demo-account.service';
import { AuthConfig } from './auth.config';
import { ApiKeysController } from './controllers/api-keys.controller';
import { AuthController } from './controllers/auth.controller';
import { CredentialsController } from './controllers/credentials.controller';
import { InvitationsController } from './controllers/invitations.controller';
import { MembersController } from './controllers/members.controller';
import { OrganizationController } from './controllers/organization.controller';
import { SessionsController } from './controllers/sessions.controller';
import { TwoFactorController } from './controllers/two-factor.controller';
import { AuthenticationHook } from './http/authentication.hook';
import { Authenticator } from './http/authenticator';
import { PermissionGuard } from './http/permission.guard';
import { PasswordHasher } from './password/password-hasher';
import { PasswordPolicy } from './password/password-policy';
import { AccountService } from './services/account.service';
import { ApiKeysService } from './services/api-keys.service';
import { BruteForceService } from './services/brute-force.service';
import { CredentialsPurgeService } from './services/credentials-purge.service';
import { InvitationsService } from './services/invitations.service';
import { LoginService } from './services/login.service';
import { MeService } from './services/me.service';
import { MembersService } from './services/members.service';
import { OneTimeTokenService } from './services/one-time-token.service';
import { OrganizationsService } from './services/organizations.service';
import { PasswordService } from './services/password.service';
import { SessionService } from './services/session.service';
import { TokenService } from './services/token.service';
import { TwoFactorService } from './services/two-factor.service';
import { UsersService } from './services/users.service';

/**
 * Organisations, users, memberships and roles, sessions, 2FA and API keys. Registers the authentication
 * hook (who is calling) on the Fastify instance and the PermissionGuard (may they) as a global guard.
 */
@Module({
  imports: [AuditModule],
  controllers: [
    AuthController,
    CredentialsController,
    SessionsController,
    TwoFactorController,
    OrganizationController,
    MembersController,
    InvitationsController,
    ApiKeysController,
  ],
  providers: [
    AuthConfig,
    DemoAccountService,
    PasswordHasher,
    PasswordPolicy,
    BruteForceService,
    TokenService,
    SessionService,
    OneTimeTokenService,
    UsersService,
    OrganizationsService,
    MembersService,
    AccountService,
    LoginService,
    PasswordService,
    TwoFactorService,
    InvitationsService,
    ApiKeysService,
    MeService,
    CredentialsPurgeService,
    Authenticator,
    AuthenticationHook,
    { provide: APP_GUARD, useClass: PermissionGuard },
  ],
  exports: [OrganizationsService, MembersService, DemoAccountService],
})
export class AuthModule {}
