import { ApiProperty } from '@nestjs/swagger';
import { IsInt } from 'class-validator';

/** The ingestion window of the organisation (bounds checked by the service: 422 outside). */
export class UsageSettingsDto {
  @ApiProperty({ description: 'How old an event may be, in seconds (3,600 to 34,560,000 = 400 days).' })
  @IsInt()
  maxAgeSeconds: number;

  @ApiProperty({
    description: 'How far ahead of the server clock an event may be, in seconds (0 to 86,400).',
  })
  @IsInt()
  maxFutureSeconds: number;
}

export class UsageSettingsResponse extends UsageSettingsDto {
  @ApiProperty({ description: 'false: no settings stored, these are the defaults.' })
  customized: boolean;
}
