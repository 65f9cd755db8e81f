import type { DocumentSettings } from '../entities/document-settings.entity';

export type DocumentSettingsValues = Omit<DocumentSettings, 'orgId' | 'updatedAt'>;

/** What an organisation that has set nothing gets. */
export const DEFAULT_DOCUMENT_SETTINGS: DocumentSettingsValues = {
  accentColor: '#4f46e5',
  footer: '',
  paperSize: 'A4',
  paymentInstructions: '',
  logoDataUri: null,
};
