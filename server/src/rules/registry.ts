/** The rule catalog: every rule Schema Sense runs, in the order of DESIGN.md. */
import { driftColumn } from './drift-column';
import { fkMissingIndex } from './fk-missing-index';
import { fkSchemaMismatch } from './fk-schema-mismatch';
import { fkTargetMissing } from './fk-target-missing';
import { indexDuplicate } from './index-duplicate';
import { migrationDuplicateCreate } from './migration-duplicate-create';
import { migrationMissingParent } from './migration-missing-parent';
import { migrationMultipleHeads } from './migration-multiple-heads';
import { migrationNotModeled } from './migration-not-modeled';
import { migrationReferenceMissing } from './migration-reference-missing';
import { modelNotMigrated } from './model-not-migrated';
import { schemaMissing } from './schema-missing';
import { tableNoPrimaryKey } from './table-no-primary-key';
import type { Rule } from './types';

export const allRules: readonly Rule[] = [
  schemaMissing,
  fkTargetMissing,
  fkSchemaMismatch,
  fkMissingIndex,
  indexDuplicate,
  tableNoPrimaryKey,
  migrationMultipleHeads,
  migrationMissingParent,
  migrationDuplicateCreate,
  migrationReferenceMissing,
  modelNotMigrated,
  migrationNotModeled,
  driftColumn,
];

export function ruleById(id: string): Rule | undefined {
  return allRules.find((r) => r.id === id);
}
