import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsISO8601,
  IsInt,
  IsString,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export const MAX_INSTALLMENTS = 120;

export class InstallmentInputDto {
  @IsISO8601({ strict: true })
  dueAt: string;

  /** Positive, minor units of the invoice currency. */
  @IsInt()
  @Min(1)
  amount: number;
}

/**
 * Either explicit `installments` (dates strictly ascending, amounts summing exactly to what the plan covers),
 * or `count` equal parts from `firstDueAt`, `intervalDays` apart.
 */
export class CreateInstallmentPlanDto {
  @ValidateIf((o: CreateInstallmentPlanDto) => o.count === undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_INSTALLMENTS)
  @ValidateNested({ each: true })
  @Type(() => InstallmentInputDto)
  installments?: InstallmentInputDto[];

  @ValidateIf((o: CreateInstallmentPlanDto) => o.installments === undefined)
  @IsInt()
  @Min(1)
  @Max(MAX_INSTALLMENTS)
  count?: number;

  @ValidateIf((o: CreateInstallmentPlanDto) => o.installments === undefined)
  @IsISO8601({ strict: true })
  firstDueAt?: string;

  @ValidateIf((o: CreateInstallmentPlanDto) => o.installments === undefined)
  @IsInt()
  @Min(1)
  @Max(366)
  intervalDays?: number;
}

export class CreateDepositDto {
  /** Percentage of the draft's amount before tax asked up front: 0.01 to 100, at most 2 decimals. */
  @IsString()
  @Matches(/^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/, {
    message: 'percent must be a decimal string from 0.01 to 100 with at most 2 decimals',
  })
  percent: string;
}
