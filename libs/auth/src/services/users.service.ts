import { Injectable } from '@nestjs/common';
import { NotFoundError, TransactionContext } from '@app/core';
import { normalizeEmail } from '../crypto/secrets';
import { User } from '../entities/user.entity';

/** Reads users; writes belong to the flows (signup, password, 2FA) that own each change. */
@Injectable()
export class UsersService {
  constructor(private readonly tx: TransactionContext) {}

  findByEmail(email: string): Promise<User | null> {
    return this.tx.manager.findOneBy(User, { email: normalizeEmail(email) });
  }

  async get(userId: string): Promise<User> {
    const user = await this.tx.manager.findOneBy(User, { id: userId });
    if (!user) throw new NotFoundError('user', userId);
    return user;
  }

  async update(userId: string, changes: Partial<User>): Promise<void> {
    await this.tx.manager.update(User, { id: userId }, changes);
  }

  async insert(values: Pick<User, 'email' | 'name' | 'passwordHash' | 'emailVerifiedAt'>): Promise<User> {
    const user = this.tx.manager.create(User, {
      ...values,
      email: normalizeEmail(values.email),
      totpSecretEncrypted: null,
      totpEnabledAt: null,
      totpLastTimeStep: null,
    });
    await this.tx.manager.insert(User, user);
    return user;
  }
}
