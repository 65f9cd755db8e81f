import { ApiProperty } from '@nestjs/swagger';
import { PageMeta } from '@app/core';

export class ApiKeyResponse {
  id: string;
  name: string;
  /** The public part of the secret, to recognise the key: `bk_live_<prefix>…`. */
  prefix: string;
  scopes: string[];
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
  /** Set on a rotated key: the id of its replacement. */
  replacedBy: string | null;
}

export class CreatedApiKeyResponse extends ApiKeyResponse {
  /** The secret, shown only in this response. */
  secret: string;
}

export class ApiKeyPageResponse extends PageMeta {
  @ApiProperty({ type: [ApiKeyResponse] })
  data: ApiKeyResponse[];
}
