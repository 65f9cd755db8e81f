import { Injectable } from '@nestjs/common';
import { Page, TransactionContext, isUuid, paginateById } from '@app/core';
import { CreateDocumentTemplateDto, DocumentTemplateQuery } from '../dto/document-template.dto';
import { DocumentTemplateResponse } from '../dto/document-template.response';
import { DocumentTemplate, TemplateKind } from '../entities/document-template.entity';
import { templateNotFound } from '../documents.errors';
import { DocumentContextService } from '../render/document-context.service';
import { SAMPLE_BUYER, sampleView } from '../render/sample-view';
import { CompiledTemplate, compileTemplate } from '../render/template-engine';
import { DEFAULT_TEMPLATES, DEFAULT_TEMPLATE_VERSION } from '../templates/default-templates';

/** The template a document is rendered with: an org's active version, or the built-in one (id null). */
export interface ResolvedTemplate {
  id: string | null;
  version: number;
  compiled: CompiledTemplate;
}

const BUILT_IN: Record<TemplateKind, ResolvedTemplate> = {
  invoice: {
    id: null,
    version: DEFAULT_TEMPLATE_VERSION,
    compiled: compileTemplate(DEFAULT_TEMPLATES.invoice),
  },
  credit_note: {
    id: null,
    version: DEFAULT_TEMPLATE_VERSION,
    compiled: compileTemplate(DEFAULT_TEMPLATES.credit_note),
  },
};

/** Compiled versions kept in memory; more (many organisations with custom templates) are compiled again. */
const COMPILED_CACHE_SIZE = 500;

const toResponse = (t: DocumentTemplate): DocumentTemplateResponse => ({
  id: t.id,
  kind: t.kind,
  version: t.version,
  status: t.status,
  html: t.html,
  css: t.css,
  activatedAt: t.activatedAt,
  createdAt: t.createdAt,
});

/**
 * Custom templates: every upload is a new version (draft) that compiles and renders the sample data, or
 * is refused with a 422; one version per kind is active at a time. Versions never change, so their
 * compiled form is cached by id.
 */
@Injectable()
export class DocumentTemplatesService {
  private readonly compiled = new Map<string, CompiledTemplate>();

  constructor(
    private readonly tx: TransactionContext,
    private readonly context: DocumentContextService,
  ) {}

  async create(orgId: string, input: CreateDocumentTemplateDto): Promise<DocumentTemplateResponse> {
    const source = { html: input.html, css: input.css ?? '' };
    const compiled = compileTemplate(source);
    compiled.render(sampleView(input.kind, await this.context.load(orgId, SAMPLE_BUYER)));
    return this.tx.run(async (manager) => {
      // A concurrent upload taking the same version number fails on the unique key (409).
      const { max } = (await manager
        .createQueryBuilder(DocumentTemplate, 't')
        .select('coalesce(max(t.version), 0)', 'max')
        .where('t.org_id = :orgId AND t.kind = :kind', { orgId, kind: input.kind })
        .getRawOne()) as { max: number };
      const template = manager.create(DocumentTemplate, {
        orgId,
        kind: input.kind,
        version: Number(max) + 1,
        ...source,
        status: 'draft',
        activatedAt: null,
      });
      await manager.insert(DocumentTemplate, template);
      this.compiled.set(template.id, compiled);
      return toResponse(template);
    });
  }

  async list(orgId: string, query: DocumentTemplateQuery): Promise<Page<DocumentTemplateResponse>> {
    const qb = this.tx.manager
      .createQueryBuilder(DocumentTemplate, 't')
      .where('t.org_id = :orgId', { orgId });
    if (query.kind) qb.andWhere('t.kind = :kind', { kind: query.kind });
    const page = await paginateById(qb, query);
    return { ...page, data: page.data.map(toResponse) };
  }

  async get(orgId: string, id: string): Promise<DocumentTemplateResponse> {
    return toResponse(await this.find(orgId, id));
  }

  /** Makes this version the one new documents of its kind use; the previously active one is retired. */
  async activate(orgId: string, id: string): Promise<DocumentTemplateResponse> {
    return this.tx.run(async (manager) => {
      const template = await this.find(orgId, id, true);
      if (template.status !== 'active') {
        await manager.update(
          DocumentTemplate,
          { orgId, kind: template.kind, status: 'active' },
          { status: 'retired' },
        );
        template.status = 'active';
        template.activatedAt = new Date();
        await manager.update(
          DocumentTemplate,
          { orgId, id },
          { status: template.status, activatedAt: template.activatedAt },
        );
      }
      return toResponse(template);
    });
  }

  /** The compiled template of a version (any status: previews work before activation). */
  async resolve(orgId: string, id: string): Promise<ResolvedTemplate> {
    return this.resolved(await this.find(orgId, id));
  }

  /** What a new document of this kind is rendered with now. */
  async current(orgId: string, kind: TemplateKind): Promise<ResolvedTemplate> {
    const active = await this.tx.manager.findOneBy(DocumentTemplate, { orgId, kind, status: 'active' });
    return active ? this.resolved(active) : BUILT_IN[kind];
  }

  private resolved(template: DocumentTemplate): ResolvedTemplate {
    let compiled = this.compiled.get(template.id);
    if (!compiled) {
      if (this.compiled.size >= COMPILED_CACHE_SIZE) this.compiled.clear();
      compiled = compileTemplate(template);
      this.compiled.set(template.id, compiled);
    }
    return { id: template.id, version: template.version, compiled };
  }

  private async find(orgId: string, id: string, lock = false): Promise<DocumentTemplate> {
    if (!isUuid(id)) throw templateNotFound(id);
    const qb = this.tx.manager
      .createQueryBuilder(DocumentTemplate, 't')
      .where('t.org_id = :orgId AND t.id = :id', { orgId, id });
    if (lock) qb.setLock('pessimistic_write');
    const template = await qb.getOne();
    if (!template) throw templateNotFound(id);
    return template;
  }
}
