import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { AppError } from '@app/core';
import { AuthErrorCode } from '../auth.errors';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** Beside this file, in the sources and in dist/ (copied there as a nest-cli asset). */
const COMMON_PASSWORDS_FILE = join(__dirname, 'common-passwords.txt');

function loadCommonPasswords(): Set<string> {
  const text = readFileSync(COMMON_PASSWORDS_FILE, 'utf8');
  return new Set(
    text
      .split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter(Boolean),
  );
}

/**
 * ASVS 5.0 password rules: 12 to 128 characters (Unicode code points), not a common password, no
 * composition rules. A violation is a 422 whose code names the rule.
 */
@Injectable()
export class PasswordPolicy {
  readonly commonPasswords = loadCommonPasswords();

  check(password: string, email?: string): void {
    const length = [...password].length;
    if (length < PASSWORD_MIN_LENGTH) {
      throw this.violation(
        AuthErrorCode.PasswordTooShort,
        `The password must be at least ${PASSWORD_MIN_LENGTH} characters long.`,
      );
    }
    if (length > PASSWORD_MAX_LENGTH) {
      throw this.violation(
        AuthErrorCode.PasswordTooLong,
        `The password must be at most ${PASSWORD_MAX_LENGTH} characters long.`,
      );
    }
    if (this.commonPasswords.has(password.toLowerCase())) {
      throw this.violation(
        AuthErrorCode.PasswordTooCommon,
        'The password is on the list of commonly used passwords; choose another.',
      );
    }
    if (email && password.toLowerCase().includes(email.toLowerCase())) {
      throw this.violation(
        AuthErrorCode.PasswordSameAsEmail,
        'The password must not contain the email address.',
      );
    }
  }

  private violation(code: AuthErrorCode, detail: string): AppError {
    return new AppError(422, code, detail, [{ field: 'password', message: detail }]);
  }
}
