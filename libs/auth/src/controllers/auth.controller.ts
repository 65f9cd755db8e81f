import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Public, RequestPrincipal, SkipAudit, SkipIdempotency } from '@app/core';
import { LoginResponse, MeResponse, MessageResponse, VerifiedEmailResponse } from '../dto/auth.response';
import { LoginDto, LoginSecondFactorDto, SwitchOrgDto } from '../dto/login.dto';
import { SignupDto } from '../dto/signup.dto';
import { EmailDto, RefreshDto, TokenDto } from '../dto/token.dto';
import { AllowDuring2faEnrollment, Client, CurrentUser } from '../http/auth.decorators';
import { AccountService } from '../services/account.service';
import { LoginService } from '../services/login.service';
import { MeService } from '../services/me.service';
import { ClientInfo, SessionService } from '../services/session.service';

const CHECK_EMAIL = 'Check your inbox: we sent a link to confirm the address.';

@ApiTags('auth')
@SkipAudit() // every mutating route records its own, more precise event
@SkipIdempotency() // responses carry secrets: never stored nor replayed
@Controller('auth')
export class AuthController {
  constructor(
    private readonly account: AccountService,
    private readonly login: LoginService,
    private readonly sessions: SessionService,
    private readonly me: MeService,
  ) {}

  /** Creates an organisation and its owner, and mails a verification link. */
  @Public()
  @Post('signup')
  @HttpCode(202)
  async signup(@Body() body: SignupDto): Promise<MessageResponse> {
    await this.account.signup(body);
    return { message: CHECK_EMAIL };
  }

  /** Confirms an email address (sign-up or email change) with the token from the link. */
  @Public()
  @Post('verify-email')
  @HttpCode(200)
  verifyEmail(@Body() body: TokenDto): Promise<VerifiedEmailResponse> {
    return this.account.verifyEmail(body.token);
  }

  @Public()
  @Post('verify-email/resend')
  @HttpCode(202)
  async resend(@Body() body: EmailDto): Promise<MessageResponse> {
    this.account.resendVerification(body.email);
    return { message: CHECK_EMAIL };
  }

  /** Password login. With 2FA on, returns a challenge for POST /v1/auth/login/2fa instead of tokens. */
  @Public()
  @Post('login')
  @HttpCode(200)
  signIn(@Body() body: LoginDto, @Client() client: ClientInfo): Promise<LoginResponse> {
    return this.login.login(body, client);
  }

  /** Second step: a TOTP code or a recovery code. */
  @Public()
  @Post('login/2fa')
  @HttpCode(200)
  secondFactor(@Body() body: LoginSecondFactorDto, @Client() client: ClientInfo): Promise<LoginResponse> {
    return this.login.loginSecondStep(body, client);
  }

  /** Exchanges a refresh token for new tokens; the old refresh token stops working. */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  async refresh(@Body() body: RefreshDto, @Client() client: ClientInfo): Promise<LoginResponse> {
    return { ...(await this.sessions.refresh(body.refreshToken, client)), twoFactorRequired: false };
  }

  /** Ends this session. */
  @ApiBearerAuth('bearer')
  @AllowDuring2faEnrollment()
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentUser() user: RequestPrincipal): Promise<void> {
    if (user.sessionId) await this.sessions.revokeOwn(user, user.sessionId, 'logout');
  }

  /** Ends every session of the user, on every device. */
  @ApiBearerAuth('bearer')
  @AllowDuring2faEnrollment()
  @Post('logout-all')
  @HttpCode(204)
  async logoutAll(@CurrentUser() user: RequestPrincipal): Promise<void> {
    await this.sessions.revokeAllOwn(user);
  }

  /** New tokens acting in another organisation the user belongs to. */
  @ApiBearerAuth('bearer')
  @Post('switch-org')
  @HttpCode(200)
  switchOrg(
    @CurrentUser() user: RequestPrincipal,
    @Body() body: SwitchOrgDto,
    @Client() client: ClientInfo,
  ): Promise<LoginResponse> {
    return this.login.switchOrg(user, body.organizationId, client);
  }

  /** The signed-in user, the current organisation and role, and every membership. */
  @ApiBearerAuth('bearer')
  @AllowDuring2faEnrollment()
  @Get('me')
  profile(@CurrentUser() user: RequestPrincipal): Promise<MeResponse> {
    return this.me.describe(user);
  }
}
