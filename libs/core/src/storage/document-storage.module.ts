import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { TransactionContext } from '../database/transaction-context';
import { DocumentStorage } from './document-storage';
import { FilesystemDocumentStorage } from './filesystem-document-storage';
import { PostgresDocumentStorage } from './postgres-document-storage';

/** `DocumentStorage` for every module, backed by Postgres or the filesystem as DOCUMENT_STORAGE says. */
@Global()
@Module({
  providers: [
    {
      provide: DocumentStorage,
      inject: [AppConfig, TransactionContext],
      useFactory: (config: AppConfig, tx: TransactionContext): DocumentStorage =>
        config.DOCUMENT_STORAGE === 'filesystem'
          ? new FilesystemDocumentStorage(config)
          : new PostgresDocumentStorage(tx),
    },
  ],
  exports: [DocumentStorage],
})
export class DocumentStorageModule {}
