/** The rule catalog: every rule Schema Sense runs, in the order of DESIGN.md. */
import { columnDuplicatedState } from './column-duplicated-state';
import { driftColumn } from './drift-column';
import { enumUnused } from './enum-unused';
import { fkMissingIndex } from './fk-missing-index';
import { fkSchemaMismatch } from './fk-schema-mismatch';
import { fkTargetMissing } from './fk-target-missing';
import { fkTransitiveRedundant } from './fk-transitive-redundant';
import { fkTypeMismatch } from './fk-type-mismatch';
import { indexColumnMissing } from './index-column-missing';
import { indexDuplicate } from './index-duplicate';
import { indexRedundantPrefix } from './index-redundant-prefix';
import { jsonNotJsonb } from './json-not-jsonb';
import { liveIndexUnused } from './live-index-unused';
import { liveMigrationsPending } from './live-migrations-pending';
import { liveTableOrphaned } from './live-table-orphaned';
import { migrationDuplicateCreate } from './migration-duplicate-create';
import { migrationMissingParent } from './migration-missing-parent';
import { migrationMultipleHeads } from './migration-multiple-heads';
import { migrationRevisionCycle } from './migration-revision-cycle';
import { migrationNotModeled } from './migration-not-modeled';
import { migrationReferenceMissing } from './migration-reference-missing';
import { migrationSqlInvalid } from './migration-sql-invalid';
import { modelNotMigrated } from './model-not-migrated';
import { relationshipAsymmetric } from './relationship-asymmetric';
import { schemaMissing } from './schema-missing';
import { tableNoPrimaryKey } from './table-no-primary-key';
import { typeInconsistent } from './type-inconsistent';
import type { Rule } from './types';

export const allRules: readonly Rule[] = [
  schemaMissing,
  fkTargetMissing,
  fkSchemaMismatch,
  fkMissingIndex,
  fkTypeMismatch,
  fkTransitiveRedundant,
  columnDuplicatedState,
  indexDuplicate,
  indexRedundantPrefix,
  indexColumnMissing,
  typeInconsistent,
  enumUnused,
  jsonNotJsonb,
  tableNoPrimaryKey,
  relationshipAsymmetric,
  migrationMultipleHeads,
  migrationMissingParent,
  migrationRevisionCycle,
  migrationDuplicateCreate,
  migrationReferenceMissing,
  migrationSqlInvalid,
  modelNotMigrated,
  migrationNotModeled,
  driftColumn,
  liveTableOrphaned,
  liveIndexUnused,
  liveMigrationsPending,
];

export function ruleById(id: string): Rule | undefined {
  return allRules.find((r) => r.id === id);
}
