import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class MessageResponse {
  @ApiProperty({ example: 'If the address belongs to an account, we sent an email.' })
  message: string;
}

export class LoginResponse {
  /** True when the second step (POST /v1/auth/login/2fa) is needed; no tokens are issued yet. */
  twoFactorRequired: boolean;

  /** For the second step; valid for a few minutes. */
  @ApiPropertyOptional()
  challengeToken?: string;

  /** JWT, valid for `expiresIn` seconds. */
  @ApiPropertyOptional()
  accessToken?: string;

  /** Opaque, single use: each refresh returns a new one. */
  @ApiPropertyOptional()
  refreshToken?: string;

  @ApiPropertyOptional({ example: 'Bearer' })
  tokenType?: string;

  @ApiPropertyOptional({ example: 900 })
  expiresIn?: number;

  @ApiPropertyOptional()
  sessionId?: string;

  /** The organisation requires 2FA: these tokens can only enrol until it is on. */
  @ApiPropertyOptional()
  twoFactorEnrollmentRequired?: boolean;
}

export class SessionResponse {
  id: string;
  organizationId: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  /** The session of the token making this request. */
  current: boolean;
}

export class SessionListResponse {
  @ApiProperty({ type: [SessionResponse] })
  data: SessionResponse[];
}

export class MembershipSummary {
  organizationId: string;
  organizationName: string;
  role: string;
}

export class MeResponse {
  id: string;
  email: string;
  name: string;
  emailVerified: boolean;
  twoFactorEnabled: boolean;
  organizationId: string;
  role: string;
  permissions: string[];
  @ApiProperty({ type: [MembershipSummary] })
  memberships: MembershipSummary[];
}

export class TwoFactorEnrollResponse {
  /** Base32 secret, for manual entry. */
  secret: string;
  /** `otpauth://` URI, for a QR code. */
  otpauthUri: string;
}

export class RecoveryCodesResponse {
  /** Shown once; each works once instead of a code. */
  recoveryCodes: string[];
}

export class VerifiedEmailResponse {
  email: string;
}

export class AcceptedInvitationResponse {
  organizationId: string;
  userId: string;
  newAccount: boolean;
}
