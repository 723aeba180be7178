/**
 * What `check` analyses for the paths it is given — folders, and files (what a pre-commit hook
 * passes) within the project each belongs to — and the analyses of them as one report.
 */
import * as fs from 'fs';
import * as path from 'path';
import { type Coverage, coverageOf } from '../analysis/coverage';
import { Project, type Progress } from '../analysis/project';
import { ParsePool } from '../parsers/python/parsePool';
import type { Finding } from '../rules/types';
import { cacheDirectory } from '../workspace/factsCache';
import { dialectChoiceNote } from '../workspace/dialect';

/** A problem with the input rather than the command line: no usage text needed. */
export class InputError extends Error {}

/** A project to analyse, and the files of it to report on (all when undefined). */
interface CheckTarget {
  root: string;
  files?: Set<string>;
}

/** Files that mark the root of a project (or of the repository holding it). */
const PROJECT_MARKERS = ['schemasense.json', 'alembic.ini', 'pyproject.toml', 'setup.py', 'setup.cfg', 'package.json', 'tsconfig.json', '.git'];

/**
 * The project a file belongs to: the nearest folder up from it with a project marker
 * (schemasense.json, alembic.ini, pyproject.toml, package.json, .git…), never above the current
 * folder when the file is inside it; without any, the current folder or, outside it, the file's own.
 */
function projectOf(file: string): string {
  const cwd = process.cwd();
  const inCwd = isInside(cwd, file);
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (PROJECT_MARKERS.some((m) => fs.existsSync(path.join(dir, m)))) return dir;
    if ((inCwd && dir === cwd) || path.dirname(dir) === dir) break;
  }
  return inCwd ? cwd : path.dirname(file);
}

/**
 * What `check` analyses for the paths given: each folder is a project; files (what a pre-commit
 * hook passes) are reported on within the project they belong to — a file is never analysed alone,
 * its references reach other files.
 */
export function checkTargets(paths: string[]): CheckTarget[] {
  const targets: CheckTarget[] = [];
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      throw new InputError(`no such folder or file: ${p}`);
    }
    if (stat.isDirectory()) {
      if (!targets.some((t) => t.root === p && !t.files)) targets.push({ root: p });
      continue;
    }
    const root = projectOf(p);
    let target = targets.find((t) => t.root === root && t.files);
    if (!target) targets.push((target = { root, files: new Set() }));
    target.files!.add(p);
  }
  // What a folder given covers is checked once: folders inside it and files inside it add nothing.
  const folders = targets.filter((t) => !t.files).map((t) => t.root);
  const covered = (p: string) => folders.some((f) => isInside(f, p));
  return targets
    .filter((t) => t.files || !covered(t.root))
    .map((t) => (t.files ? { ...t, files: new Set([...t.files].filter((f) => !covered(f))) } : t))
    .filter((t) => !t.files || t.files.size);
}

function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return !!rel && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * A project analysed from disk, as the CLI needs it: the parse workers start before the files are
 * discovered, so that they load their parsers meanwhile (a small project closes them unused).
 */
export async function analyseForCli(root: string, onProgress?: (p: Progress) => void) {
  const project = await scanForCli(root, onProgress);
  const analysis = project.analyse();
  await project.saveCache();
  return analysis;
}

/** The models and migrations of a project read from disk, without the rules (`schema`). */
export async function schemasForCli(root: string, onProgress?: (p: Progress) => void) {
  const project = await scanForCli(root, onProgress);
  const schemas = project.schemas();
  await project.saveCache();
  return schemas;
}

async function scanForCli(root: string, onProgress?: (p: Progress) => void): Promise<Project> {
  const project = new Project(root, { cacheDirectory: cacheDirectory(), onProgress });
  await project.scan(ParsePool.early());
  return project;
}

/** The findings of every target, as one report: findings in the given files only, for file targets. */
export async function checkAll(targets: CheckTarget[], onProgress?: (p: Progress) => void) {
  const findings: Finding[] = [];
  const skipped: { file: string; reason: string }[] = [];
  const ruleErrors: { ruleId: string; error: string }[] = [];
  const configProblems: string[] = [];
  const coverage: Coverage = { modelTables: 0, modelClasses: 0, migrations: 0, unread: [] };
  for (const t of targets) {
    const analysis = await analyseForCli(t.root, onProgress);
    const wanted = (file: string) => !t.files || t.files.has(file);
    findings.push(...analysis.findings.filter((f) => wanted(f.location.file)));
    skipped.push(...analysis.skipped.filter((s) => wanted(s.file)));
    ruleErrors.push(...analysis.ruleErrors);
    configProblems.push(...analysis.configProblems);
    const c = coverageOf(analysis.models, analysis.migrations, analysis.dialect);
    coverage.modelTables += c.modelTables;
    coverage.modelClasses += c.modelClasses;
    coverage.migrations += c.migrations;
    coverage.unread.push(...c.unread.filter((u) => wanted(u.location.file)));
    const assumed = dialectChoiceNote(analysis.dialect);
    if (assumed) (coverage.assumptions ??= []).push(targets.length > 1 ? `${t.root}: ${assumed}` : assumed);
  }
  return { findings, skipped, ruleErrors, configProblems, coverage };
}
