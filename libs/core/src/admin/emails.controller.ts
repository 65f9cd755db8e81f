import { Body, Controller, Get, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { Email } from '../mail/email.entity';
import { MailService } from '../mail/mail.service';
import { testMessageTemplate } from '../mail/templates/test-message.template';
import { paginateById } from '../pagination/pagination';
import { EmailPage, EmailResponse, EmailsQuery, SendTestEmailDto } from './dto/email.dto';
import { OperatorGuard } from './operator.guard';
import { Public } from '../http/access.decorators';

const toResponse = ({ html: _html, text: _text, updatedAt: _updatedAt, ...email }: Email): EmailResponse =>
  email;

/** The mail log (every email with its delivery status) and a test message to check SMTP settings. */
@ApiTags('operator')
@ApiBearerAuth('operator')
@UseGuards(OperatorGuard)
@Public()
@Controller('admin/emails')
export class EmailsController {
  constructor(
    private readonly mail: MailService,
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get()
  async list(@Query() query: EmailsQuery): Promise<EmailPage> {
    const builder = this.dataSource.getRepository(Email).createQueryBuilder('email');
    if (query.status) builder.where('email.status = :status', { status: query.status });
    const page = await paginateById(builder, query);
    return { ...page, data: page.data.map(toResponse) };
  }

  @Post('test')
  async sendTest(@Body() body: SendTestEmailDto): Promise<EmailResponse> {
    const email = await this.mail.send({
      orgId: null,
      to: body.to,
      template: testMessageTemplate,
      context: { sentBy: 'the platform operator', publicUrl: this.config.PUBLIC_URL },
    });
    return toResponse(email);
  }
}
