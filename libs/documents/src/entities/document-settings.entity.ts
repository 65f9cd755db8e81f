import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { PaperSize } from '../branding.service';

/** An organisation's branding and document settings; no row means the defaults. */
@Entity('document_settings')
@Check('document_settings_paper_size_check', `paper_size IN ('A4', 'Letter')`)
@Check('document_settings_accent_color_check', `accent_color ~ '^#[0-9a-f]{6}$'`)
export class DocumentSettings {
  @PrimaryColumn('uuid')
  orgId: string;

  @Column('text')
  accentColor: string;

  @Column('text')
  footer: string;

  @Column('text')
  paperSize: PaperSize;

  @Column('text')
  paymentInstructions: string;

  /** The logo as a `data:` URI (PNG, JPEG or SVG, at most 1 MB decoded), or null. */
  @Column('text', { nullable: true })
  logoDataUri: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
