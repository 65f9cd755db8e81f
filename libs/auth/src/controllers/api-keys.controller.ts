import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  PageQuery,
  Permission,
  RequestPrincipal,
  RequirePermission,
  SkipAudit,
  SkipIdempotency,
} from '@app/core';
import { CreateApiKeyDto, RotateApiKeyDto } from '../dto/api-key.dto';
import { ApiKeyPageResponse, ApiKeyResponse, CreatedApiKeyResponse } from '../dto/api-key.response';
import { ApiKey } from '../entities/api-key.entity';
import { Principal } from '../http/auth.decorators';
import { ApiKeysService, CreatedApiKey } from '../services/api-keys.service';

const DEFAULT_GRACE_HOURS = 24;

const toResponse = (key: ApiKey): ApiKeyResponse => ({
  id: key.id,
  name: key.name,
  prefix: key.prefix,
  scopes: key.scopes,
  expiresAt: key.expiresAt,
  lastUsedAt: key.lastUsedAt,
  createdAt: key.createdAt,
  replacedBy: key.replacedBy,
});

const withSecret = ({ key, secret }: CreatedApiKey): CreatedApiKeyResponse => ({
  ...toResponse(key),
  secret,
});

@ApiTags('api-keys')
@ApiBearerAuth('bearer')
@RequirePermission(Permission.ApiKeysManage)
@SkipAudit() // every mutating route records its own, more precise event
@SkipIdempotency() // responses carry secrets: never stored nor replayed
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  /** Creates a key; the secret is in this response only. Scopes must be a subset of the caller's. */
  @Post()
  @HttpCode(201)
  async create(
    @Principal() principal: RequestPrincipal,
    @Body() body: CreateApiKeyDto,
  ): Promise<CreatedApiKeyResponse> {
    return withSecret(await this.apiKeys.create(principal.orgId!, principal, body));
  }

  /** Active (not revoked) keys, newest first. */
  @Get()
  async list(
    @Principal() principal: RequestPrincipal,
    @Query() page: PageQuery,
  ): Promise<ApiKeyPageResponse> {
    const result = await this.apiKeys.list(principal.orgId!, page);
    return { ...result, data: result.data.map(toResponse) };
  }

  @Delete(':id')
  @HttpCode(204)
  async revoke(
    @Principal() principal: RequestPrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<void> {
    await this.apiKeys.revoke(principal.orgId!, principal, id);
  }

  /** Issues a new secret; the old one keeps working for `gracePeriodHours` (default 24). */
  @Post(':id/rotate')
  @HttpCode(201)
  async rotate(
    @Principal() principal: RequestPrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: RotateApiKeyDto,
  ): Promise<CreatedApiKeyResponse> {
    const grace = body.gracePeriodHours ?? DEFAULT_GRACE_HOURS;
    return withSecret(await this.apiKeys.rotate(principal.orgId!, id, grace, principal));
  }
}
