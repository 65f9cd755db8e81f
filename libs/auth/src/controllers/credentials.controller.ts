import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Public, RequestPrincipal, SkipAudit, SkipIdempotency } from '@app/core';
import { MessageResponse } from '../dto/auth.response';
import { ChangeEmailDto, ChangePasswordDto, ResetPasswordDto } from '../dto/password.dto';
import { EmailDto } from '../dto/token.dto';
import { Client, CurrentUser } from '../http/auth.decorators';
import { AccountService } from '../services/account.service';
import { PasswordService } from '../services/password.service';
import { ClientInfo } from '../services/session.service';

@ApiTags('auth')
@SkipAudit() // every mutating route records its own, more precise event
@SkipIdempotency() // responses carry secrets: never stored nor replayed
@Controller('auth')
export class CredentialsController {
  constructor(
    private readonly passwords: PasswordService,
    private readonly account: AccountService,
  ) {}

  /** Mails a reset link (valid 1 h) if the address has an account; the answer is the same either way. */
  @Public()
  @Post('password/forgot')
  @HttpCode(202)
  async forgot(@Body() body: EmailDto, @Client() client: ClientInfo): Promise<MessageResponse> {
    await this.passwords.forgot(body.email, client.ip);
    return { message: 'If the address belongs to an account, we sent it a link to reset the password.' };
  }

  /** Sets a new password with the emailed token; signs out every session. */
  @Public()
  @Post('password/reset')
  @HttpCode(204)
  async reset(@Body() body: ResetPasswordDto, @Client() client: ClientInfo): Promise<void> {
    await this.passwords.reset(body.token, body.password, client.ip);
  }

  /** Needs the current password; signs out every other session. */
  @ApiBearerAuth('bearer')
  @Post('password/change')
  @HttpCode(204)
  async change(
    @CurrentUser() user: RequestPrincipal,
    @Body() body: ChangePasswordDto,
    @Client() client: ClientInfo,
  ): Promise<void> {
    await this.passwords.change(user, body.currentPassword, body.newPassword, client.ip);
  }

  /** Needs the password; the address changes once the link mailed to the new address is opened. */
  @ApiBearerAuth('bearer')
  @Post('email/change')
  @HttpCode(202)
  async changeEmail(
    @CurrentUser() user: RequestPrincipal,
    @Body() body: ChangeEmailDto,
    @Client() client: ClientInfo,
  ): Promise<MessageResponse> {
    await this.account.requestEmailChange(user, body.password, body.newEmail, client.ip);
    return { message: 'We sent a link to the new address; the change takes effect when it is opened.' };
  }
}
