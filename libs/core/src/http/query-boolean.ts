import { TransformFnParams } from 'class-transformer';

/** `?flag=true|false` → boolean; anything else is left for @IsBoolean to reject. */
export const queryBoolean = ({ value }: TransformFnParams): unknown =>
  value === 'true' ? true : value === 'false' ? false : (value as unknown);
