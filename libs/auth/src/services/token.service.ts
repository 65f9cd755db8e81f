import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { AuthConfig } from '../auth.config';
import { AuthErrorCode, UnauthenticatedError } from '../auth.errors';

const ISSUER = 'billing';
const ACCESS_AUDIENCE = 'billing-api';
const CHALLENGE_AUDIENCE = 'billing-2fa';

export interface AccessClaims {
  /** user id */
  sub: string;
  org: string;
  role: string;
  /** session (refresh-token family) id */
  sid: string;
}

export interface ChallengeClaims {
  sub: string;
  org: string;
  /** Unique id: a challenge is spent by its first successful second step. */
  jti: string;
}

/** Signs and verifies the JWTs (HS256 only, fixed issuer and audience, short lifetimes). */
@Injectable()
export class TokenService {
  private readonly jwt: JwtService;

  constructor(private readonly config: AuthConfig) {
    this.jwt = new JwtService({ secret: config.jwtSecret });
  }

  signAccess(claims: AccessClaims): string {
    return this.jwt.sign(
      { org: claims.org, role: claims.role, sid: claims.sid },
      {
        subject: claims.sub,
        algorithm: 'HS256',
        issuer: ISSUER,
        audience: ACCESS_AUDIENCE,
        expiresIn: this.config.accessTokenSeconds,
      },
    );
  }

  /** Throws a 401 (token_expired / invalid_token) for anything but a valid access token. */
  verifyAccess(token: string): AccessClaims {
    const payload = this.verify<AccessClaims>(token, ACCESS_AUDIENCE, AuthErrorCode.InvalidToken);
    if (!payload.sub || !payload.org || !payload.sid) {
      throw new UnauthenticatedError(AuthErrorCode.InvalidToken, 'The access token is malformed.');
    }
    return payload;
  }

  signChallenge(claims: Omit<ChallengeClaims, 'jti'>): string {
    return this.jwt.sign(
      { org: claims.org },
      {
        jwtid: randomUUID(),
        subject: claims.sub,
        algorithm: 'HS256',
        issuer: ISSUER,
        audience: CHALLENGE_AUDIENCE,
        expiresIn: this.config.challengeSeconds,
      },
    );
  }

  verifyChallenge(token: string): ChallengeClaims {
    return this.verify<ChallengeClaims>(token, CHALLENGE_AUDIENCE, AuthErrorCode.InvalidChallengeToken);
  }

  private verify<T>(token: string, audience: string, invalidCode: AuthErrorCode): T {
    try {
      return this.jwt.verify<T & object>(token, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience,
      });
    } catch (error) {
      if (error instanceof TokenExpiredError) {
        throw new UnauthenticatedError(
          invalidCode === AuthErrorCode.InvalidToken ? AuthErrorCode.TokenExpired : invalidCode,
          'The token has expired.',
        );
      }
      throw new UnauthenticatedError(invalidCode, 'The token is invalid.');
    }
  }
}
