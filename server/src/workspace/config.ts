/**
 * Project configuration: `schemasense.json` at the workspace root, overridden by editor settings.
 * Unknown keys and bad values are reported as configuration problems, never thrown.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { SeveritySetting } from '../rules/types';
import { DIALECTS, type Dialect } from './dialect';

export const CONFIG_FILE = 'schemasense.json';

export interface SchemaSenseConfig {
  /** Severity per rule id. */
  rules: Record<string, SeveritySetting>;
  include: string[];
  exclude: string[];
  /** Schemas that exist although no migration creates them. */
  schemas: string[];
  /** The SQL dialect, where the project's own configuration does not say it (see dialect.ts). */
  dialect?: Dialect;
  /** Days of usage statistics a live database needs before an index counts as unused (default 7). */
  indexUsageMinimumDays?: number;
  /** The language server shows each construct it could not read as a hint. */
  showUnread?: boolean;
}

export interface LoadedConfig {
  config: SchemaSenseConfig;
  /** Problems with the configuration file, each a sentence. */
  problems: string[];
  file?: string;
}

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off']);

export function emptyConfig(): SchemaSenseConfig {
  return { rules: {}, include: [], exclude: [], schemas: [] };
}

/** Validates a raw object (from JSON or editor settings) into config fields. */
export function validateConfig(raw: unknown, where: string, knownRules: ReadonlySet<string>): { config: Partial<SchemaSenseConfig>; problems: string[] } {
  const problems: string[] = [];
  const config: Partial<SchemaSenseConfig> = {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { config, problems: [`${where}: expected an object`] };
  }
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!['rules', 'include', 'exclude', 'schemas', '$schema', 'databaseUrl', 'dialect', 'indexUsageMinimumDays', 'showUnread'].includes(key)) problems.push(`${where}: unknown key "${key}"`);
  }
  if (obj.rules !== undefined) {
    if (typeof obj.rules !== 'object' || obj.rules === null || Array.isArray(obj.rules)) problems.push(`${where}: "rules" must be an object of rule id to severity`);
    else {
      config.rules = {};
      for (const [id, sev] of Object.entries(obj.rules as Record<string, unknown>)) {
        if (!knownRules.has(id)) problems.push(`${where}: unknown rule "${id}"`);
        else if (typeof sev !== 'string' || !SEVERITIES.has(sev)) problems.push(`${where}: severity of "${id}" must be one of error, warning, info, hint, off`);
        else config.rules[id] = sev as SeveritySetting;
      }
    }
  }
  for (const key of ['include', 'exclude', 'schemas'] as const) {
    const v = obj[key];
    if (v === undefined) continue;
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) problems.push(`${where}: "${key}" must be an array of strings`);
    else config[key] = v as string[];
  }
  if (obj.showUnread !== undefined) {
    if (typeof obj.showUnread !== 'boolean') problems.push(`${where}: "showUnread" must be true or false`);
    else config.showUnread = obj.showUnread;
  }
  if (obj.indexUsageMinimumDays !== undefined) {
    if (typeof obj.indexUsageMinimumDays !== 'number' || !(obj.indexUsageMinimumDays >= 0)) problems.push(`${where}: "indexUsageMinimumDays" must be a number of days (0 or more)`);
    else config.indexUsageMinimumDays = obj.indexUsageMinimumDays;
  }
  if (obj.dialect !== undefined) {
    if (typeof obj.dialect !== 'string' || !(DIALECTS as readonly string[]).includes(obj.dialect)) problems.push(`${where}: "dialect" must be one of ${DIALECTS.join(', ')}`);
    else config.dialect = obj.dialect as Dialect;
  }
  return { config, problems };
}

export function loadConfigFile(root: string, knownRules: ReadonlySet<string>): LoadedConfig {
  const file = path.join(root, CONFIG_FILE);
  const config = emptyConfig();
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return { config, problems: [] };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { config, problems: [`${CONFIG_FILE}: not valid JSON (${(e as Error).message})`], file };
  }
  const { config: partial, problems } = validateConfig(raw, CONFIG_FILE, knownRules);
  return { config: mergeConfig(config, partial), problems, file };
}

/** Later values win; lists from settings replace lists from the file when non-empty. */
export function mergeConfig(base: SchemaSenseConfig, override: Partial<SchemaSenseConfig>): SchemaSenseConfig {
  return {
    rules: { ...base.rules, ...(override.rules ?? {}) },
    include: override.include?.length ? override.include : base.include,
    exclude: [...base.exclude, ...(override.exclude ?? [])],
    schemas: [...new Set([...base.schemas, ...(override.schemas ?? [])])],
    ...((override.dialect ?? base.dialect) ? { dialect: override.dialect ?? base.dialect } : {}),
    ...((override.showUnread ?? base.showUnread) !== undefined ? { showUnread: override.showUnread ?? base.showUnread } : {}),
    ...((override.indexUsageMinimumDays ?? base.indexUsageMinimumDays) !== undefined ? { indexUsageMinimumDays: override.indexUsageMinimumDays ?? base.indexUsageMinimumDays } : {}),
  };
}
