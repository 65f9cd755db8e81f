import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequestPrincipal, SkipAudit, SkipIdempotency } from '@app/core';
import { RecoveryCodesResponse, TwoFactorEnrollResponse } from '../dto/auth.response';
import { ConfirmTwoFactorDto, DisableTwoFactorDto } from '../dto/two-factor.dto';
import { AllowDuring2faEnrollment, Client, CurrentUser } from '../http/auth.decorators';
import { ClientInfo } from '../services/session.service';
import { TwoFactorService } from '../services/two-factor.service';

@ApiTags('auth')
@ApiBearerAuth('bearer')
@SkipAudit() // every mutating route records its own, more precise event
@SkipIdempotency() // responses carry secrets: never stored nor replayed
@Controller('auth/2fa')
export class TwoFactorController {
  constructor(private readonly twoFactor: TwoFactorService) {}

  /** Starts enrolment: a new TOTP secret and its otpauth:// URI. */
  @AllowDuring2faEnrollment()
  @Post('enroll')
  @HttpCode(200)
  enroll(@CurrentUser() user: RequestPrincipal): Promise<TwoFactorEnrollResponse> {
    return this.twoFactor.enroll(user);
  }

  /** Turns 2FA on with a first code; returns 10 single-use recovery codes, once. */
  @AllowDuring2faEnrollment()
  @Post('confirm')
  @HttpCode(200)
  async confirm(
    @CurrentUser() user: RequestPrincipal,
    @Body() body: ConfirmTwoFactorDto,
  ): Promise<RecoveryCodesResponse> {
    return { recoveryCodes: await this.twoFactor.confirm(user, body.code) };
  }

  /** Turns 2FA off; needs the password and a current code. */
  @Post('disable')
  @HttpCode(204)
  async disable(
    @CurrentUser() user: RequestPrincipal,
    @Body() body: DisableTwoFactorDto,
    @Client() client: ClientInfo,
  ): Promise<void> {
    await this.twoFactor.disable(user, body.password, body.code, client.ip);
  }
}
