import { Injectable, OnModuleInit } from '@nestjs/common';
import { Algorithm, hash, verify } from '@node-rs/argon2';

/** argon2id at OWASP's minimum profile: 19 MiB, 2 passes, 1 lane. */
export const ARGON2_OPTIONS = {
  algorithm: Algorithm.Argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

@Injectable()
export class PasswordHasher implements OnModuleInit {
  /** Verified instead of a real hash when the account does not exist, so both cases take the same time. */
  private dummyHash?: Promise<string>;

  /** Computed at boot, so that not even the first unknown-email login is faster or slower than the rest. */
  async onModuleInit(): Promise<void> {
    this.dummyHash ??= this.hash('dummy password for unknown accounts');
    await this.dummyHash;
  }

  hash(password: string): Promise<string> {
    return hash(password, ARGON2_OPTIONS);
  }

  /** True when the hash was made with other parameters than today's (it is then replaced at the next login). */
  needsRehash(passwordHash: string): boolean {
    const { memoryCost, timeCost, parallelism } = ARGON2_OPTIONS;
    return !passwordHash.startsWith(`$argon2id$v=19$m=${memoryCost},t=${timeCost},p=${parallelism}$`);
  }

  async verify(passwordHash: string | undefined, password: string): Promise<boolean> {
    if (!passwordHash) {
      this.dummyHash ??= this.hash('dummy password for unknown accounts');
      await verify(await this.dummyHash, password).catch(() => false);
      return false;
    }
    return verify(passwordHash, password).catch(() => false);
  }
}
