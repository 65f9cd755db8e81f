import { Injectable } from '@nestjs/common';
import { RequestPrincipal } from '@app/core';
import { AuthErrorCode, UnauthenticatedError } from '../auth.errors';
import { permissionsOf } from '../roles';
import { ApiKeysService, isApiKeySecret } from '../services/api-keys.service';
import { SessionService } from '../services/session.service';
import { TokenService } from '../services/token.service';
import { AuthContext } from './auth-context';

export interface Authenticated {
  principal: RequestPrincipal;
  context: AuthContext;
}

const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]+$/;

/** Who a Bearer credential belongs to: a user (JWT access token) or an API key. */
@Injectable()
export class Authenticator {
  constructor(
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
    private readonly apiKeys: ApiKeysService,
  ) {}

  /** Undefined when the credential is not one of ours (e.g. the operator token); throws when it is but is bad. */
  async authenticate(credential: string): Promise<Authenticated | undefined> {
    if (isApiKeySecret(credential)) {
      const key = await this.apiKeys.authenticate(credential);
      return {
        principal: {
          kind: 'api_key',
          id: key.id,
          orgId: key.orgId,
          permissions: permissionsFromScopes(key.scopes),
        },
        context: { twoFactorEnrollmentRequired: false },
      };
    }
    if (!JWT_SHAPE.test(credential)) return undefined;
    const claims = this.tokens.verifyAccess(credential);
    const state = await this.sessions.stateOf(claims.sid);
    if (!state || state.userId !== claims.sub || state.orgId !== claims.org) {
      throw new UnauthenticatedError(AuthErrorCode.InvalidToken, 'The access token is invalid.');
    }
    if (state.revoked || !state.role) {
      throw new UnauthenticatedError(AuthErrorCode.SessionRevoked, 'The session has ended; sign in again.');
    }
    const enrollment = state.twoFactorEnrollmentRequired;
    return {
      principal: {
        kind: 'user',
        id: claims.sub,
        orgId: claims.org,
        permissions: enrollment ? [] : permissionsOf(state.role),
        sessionId: claims.sid,
      },
      context: { twoFactorEnrollmentRequired: enrollment },
    };
  }
}

const permissionsFromScopes = (scopes: string[]) => scopes as RequestPrincipal['permissions'] & string[];
