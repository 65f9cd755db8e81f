import { ApiProperty } from '@nestjs/swagger';

export class MemberResponse {
  userId: string;
  email: string;
  name: string;
  role: string;
  twoFactorEnabled: boolean;
  joinedAt: Date;
}

export class MemberListResponse {
  @ApiProperty({ type: [MemberResponse] })
  data: MemberResponse[];
}

export class InvitationResponse {
  id: string;
  email: string;
  role: string;
  expiresAt: Date;
  createdAt: Date;
}

export class InvitationListResponse {
  @ApiProperty({ type: [InvitationResponse] })
  data: InvitationResponse[];
}
