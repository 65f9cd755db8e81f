import { ValidationOptions, registerDecorator } from 'class-validator';
import { parseExpression } from 'cron-parser';

/** A cron pattern the queue's job schedulers accept (BullMQ parses schedules with cron-parser too). */
export const isCronPattern = (value: unknown): boolean => {
  if (typeof value !== 'string' || value.trim() === '') return false;
  try {
    parseExpression(value, { tz: 'UTC' });
    return true;
  } catch {
    return false;
  }
};

export function IsCronPattern(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCronPattern',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: { validate: isCronPattern },
    });
}
