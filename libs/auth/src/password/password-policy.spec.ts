import { AppError } from '@app/core';
import { PasswordPolicy } from './password-policy';

const codeOf = (fn: () => void): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as AppError).code;
  }
};

describe('PasswordPolicy', () => {
  const policy = new PasswordPolicy();

  it('ships at least 10,000 common passwords', () => {
    expect(policy.commonPasswords.size).toBeGreaterThanOrEqual(10_000);
  });

  it('checks length in characters, not bytes, from 12 to 128', () => {
    expect(codeOf(() => policy.check('short one'))).toBe('password_too_short');
    expect(codeOf(() => policy.check('ééééééééééé'))).toBe('password_too_short'); // 11 chars, 22 bytes
    expect(codeOf(() => policy.check('🔑'.repeat(12)))).toBeUndefined();
    expect(codeOf(() => policy.check('a'.repeat(128).replace(/^a/, 'b')))).toBeUndefined();
    expect(codeOf(() => policy.check('x'.repeat(129)))).toBe('password_too_long');
  });

  it('refuses common passwords whatever their case, with no composition rules', () => {
    expect(codeOf(() => policy.check('QWERTY123456'))).toBe('password_too_common');
    expect(codeOf(() => policy.check('1qaz2wsx3edc'))).toBe('password_too_common');
    expect(codeOf(() => policy.check('plain lower case words'))).toBeUndefined();
  });

  it('refuses a password containing the email address', () => {
    expect(codeOf(() => policy.check('ada@example.com!!', 'ada@example.com'))).toBe(
      'password_contains_email',
    );
  });

  it('answers 422 with the field named', () => {
    try {
      policy.check('short');
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(422);
      expect((error as AppError).errors).toEqual([{ field: 'password', message: expect.any(String) }]);
    }
    expect.assertions(3);
  });
});
