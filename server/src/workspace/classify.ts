/**
 * Recognises model and migration files by their content, not by their path: a models package may
 * be called anything, and `migrations/` folders hold other things too.
 */
export type FileKind = 'sqlalchemy-models' | 'alembic-migration';

const ALEMBIC_IMPORT = /^\s*(?:from\s+alembic\s+import|import\s+alembic)\b/m;
const ALEMBIC_REVISION = /^\s*revision\s*(?::\s*[\w\[\], |]+)?=/m;
const ALEMBIC_DOWN_REVISION = /^down_revision\s*(?::\s*[\w\[\], |]+)?=/m;
const SQLALCHEMY_IMPORT = /\b(?:sqlalchemy|flask_sqlalchemy|sqlmodel)\b/;
const MODEL_MARKERS = /__tablename__|\bmapped_column\s*\(|\bColumn\s*\(|\bTable\s*\(|declarative_base|DeclarativeBase|\bdb\.Model\b/;

export function classifyPython(text: string): FileKind | undefined {
  // A migration imports alembic; a hand-written merge migration may only have the header.
  if (ALEMBIC_REVISION.test(text) && (ALEMBIC_IMPORT.test(text) || ALEMBIC_DOWN_REVISION.test(text))) return 'alembic-migration';
  if (MODEL_MARKERS.test(text) && (SQLALCHEMY_IMPORT.test(text) || /\bdb\.(?:Model|Column)\b/.test(text))) return 'sqlalchemy-models';
  return undefined;
}

export function classifyFile(filePath: string, text: string): FileKind | undefined {
  if (filePath.endsWith('.py')) return classifyPython(text);
  return undefined;
}
