import { AppError } from '@app/core';

/** Stable error codes of the auth domain (documented in docs/auth.md). */
export enum AuthErrorCode {
  AuthenticationRequired = 'authentication_required',
  InvalidToken = 'invalid_token',
  TokenExpired = 'token_expired',
  SessionRevoked = 'session_revoked',
  InvalidApiKey = 'invalid_api_key',
  ApiKeyExpired = 'api_key_expired',
  ApiKeyRevoked = 'api_key_revoked',
  PermissionDenied = 'permission_denied',
  TwoFactorEnrollmentRequired = 'two_factor_enrollment_required',
  InvalidCredentials = 'invalid_credentials',
  EmailNotVerified = 'email_not_verified',
  NoOrganization = 'no_organization',
  AccountLocked = 'account_locked',
  TooManyAttempts = 'too_many_attempts',
  PasswordTooShort = 'password_too_short',
  PasswordTooLong = 'password_too_long',
  PasswordTooCommon = 'password_too_common',
  PasswordSameAsEmail = 'password_contains_email',
  InvalidVerificationToken = 'invalid_verification_token',
  InvalidResetToken = 'invalid_reset_token',
  InvalidInvitationToken = 'invalid_invitation_token',
  InvalidRefreshToken = 'invalid_refresh_token',
  RefreshTokenReused = 'refresh_token_reused',
  InvalidChallengeToken = 'invalid_challenge_token',
  InvalidTwoFactorCode = 'invalid_two_factor_code',
  TwoFactorAlreadyEnabled = 'two_factor_already_enabled',
  TwoFactorNotEnabled = 'two_factor_not_enabled',
  TwoFactorNotEnrolled = 'two_factor_not_enrolled',
  LastOwner = 'last_owner',
  OwnerRoleRequired = 'owner_role_required',
  ScopeNotAllowed = 'scope_not_allowed',
  NewAccountDetailsRequired = 'account_details_required',
  AlreadyMember = 'already_member',
  UserPrincipalRequired = 'user_principal_required',
}

export const WWW_AUTHENTICATE = 'Bearer realm="billing"';

export class AuthError extends AppError {
  constructor(status: number, code: AuthErrorCode, detail: string, headers: Record<string, string> = {}) {
    super(status, code, detail, undefined, headers);
  }
}

/** A 401 that tells the client how to authenticate (RFC 6750). */
export class UnauthenticatedError extends AuthError {
  constructor(code: AuthErrorCode, detail: string) {
    const error = code === AuthErrorCode.AuthenticationRequired ? '' : ', error="invalid_token"';
    super(401, code, detail, { 'WWW-Authenticate': `${WWW_AUTHENTICATE}${error}` });
  }
}
