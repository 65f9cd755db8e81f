import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequestPrincipal, SkipAudit } from '@app/core';
import { SessionListResponse } from '../dto/auth.response';
import { CurrentUser } from '../http/auth.decorators';
import { SessionService } from '../services/session.service';

@ApiTags('auth')
@ApiBearerAuth('bearer')
@SkipAudit() // every mutating route records its own, more precise event
@Controller('auth/sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionService) {}

  /** The user's active sessions (devices). */
  @Get()
  async list(@CurrentUser() user: RequestPrincipal): Promise<SessionListResponse> {
    const sessions = await this.sessions.listActive(user.id);
    return {
      data: sessions.map((s) => ({
        id: s.id,
        organizationId: s.orgId,
        userAgent: s.userAgent,
        ip: s.ip,
        createdAt: s.createdAt,
        lastUsedAt: s.lastUsedAt,
        expiresAt: s.expiresAt,
        current: s.id === user.sessionId,
      })),
    };
  }

  /** Ends one of the user's sessions. */
  @Delete(':id')
  @HttpCode(204)
  async revoke(
    @CurrentUser() user: RequestPrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<void> {
    await this.sessions.revokeOwn(user, id);
  }
}
