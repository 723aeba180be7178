/**
 * `check --fix`: the safe fixes of the findings, applied to the files on disk (or shown as a
 * unified diff with `--diff`, writing nothing). Only a finding's one safe fix is applied — a fix
 * that needs review, creates a file, or overlaps another fix's text is left for the editor — and a
 * file is written only when its text is still the text the fixes were computed on.
 */
import { createTwoFilesPatch } from 'diff';
import * as fs from 'fs';
import * as path from 'path';
import { applyEdits } from '../fixes/edits';
import type { FileEdit, Finding, Fix } from '../rules/types';
import { decodeSource } from '../workspace/discover';

export interface FixedFile {
  file: string;
  /** The text as read (without a byte order mark) and after the fixes. */
  before: string;
  after: string;
  /** The file starts with a UTF-8 byte order mark, which is written back. */
  bom: boolean;
  fixes: number;
}

export interface FixPlan {
  files: FixedFile[];
  /** Findings with a safe fix that was not applied: it overlaps another fix, or its file could not be read. */
  notApplied: number;
}

/** The safe fix of a finding: there must be exactly one, and it must only edit existing files. */
function safeFixOf(f: Finding): Fix | undefined {
  const safe = f.fixes.filter((x) => x.safety === 'safe');
  if (safe.length !== 1 || safe[0].edits.some((e) => e.create)) return undefined;
  return safe[0];
}

type Position = FileEdit['range']['start'];
const compare = (x: Position, y: Position) => x.line - y.line || x.character - y.character;

/** Whether two edits touch the same text; two insertions at one point do too (their order would be a guess). */
function overlaps(a: FileEdit, b: FileEdit): boolean {
  if (a.file !== b.file) return false;
  const empty = (e: FileEdit) => compare(e.range.start, e.range.end) === 0;
  if (empty(a) && empty(b)) return compare(a.range.start, b.range.start) === 0;
  return compare(a.range.start, b.range.end) < 0 && compare(b.range.start, a.range.end) < 0;
}

export function planSafeFixes(findings: readonly Finding[]): FixPlan {
  const accepted = new Map<string, FileEdit[]>();
  const counts = new Map<string, number>();
  let notApplied = 0;
  for (const f of findings) {
    const fix = safeFixOf(f);
    if (!fix) continue;
    if (fix.edits.some((e) => (accepted.get(e.file) ?? []).some((a) => overlaps(a, e)))) {
      notApplied++;
      continue;
    }
    for (const e of fix.edits) {
      const list = accepted.get(e.file);
      if (list) list.push(e);
      else accepted.set(e.file, [e]);
    }
    const primary = fix.edits[0]?.file ?? f.location.file;
    counts.set(primary, (counts.get(primary) ?? 0) + 1);
  }
  const files: FixedFile[] = [];
  for (const [file, edits] of accepted) {
    let raw: Buffer;
    try {
      raw = fs.readFileSync(file);
    } catch {
      notApplied += counts.get(file) ?? 1;
      continue;
    }
    const decoded = decodeSource(raw);
    if ('skipped' in decoded) {
      notApplied += counts.get(file) ?? 1;
      continue;
    }
    const after = applyEdits(decoded.text, edits);
    if (after !== decoded.text) {
      files.push({ file, before: decoded.text, after, bom: raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf, fixes: counts.get(file) ?? 0 });
    }
  }
  return { files: files.sort((a, b) => a.file.localeCompare(b.file)), notApplied };
}

/**
 * Writes the fixed files: each only if it still holds the text the fixes were made for (an editor
 * may have saved it meanwhile), through a temporary file renamed over it, so that a failure leaves
 * the original whole. Returns the files that could not be written, with why.
 */
export function writeFixes(plan: FixPlan): { file: string; reason: string }[] {
  const failed: { file: string; reason: string }[] = [];
  for (const f of plan.files) {
    const tmp = `${f.file}.schemasense-fix.${process.pid}`;
    try {
      const current = decodeSource(fs.readFileSync(f.file));
      if ('skipped' in current || current.text !== f.before) {
        failed.push({ file: f.file, reason: 'it changed while the fixes were computed' });
        continue;
      }
      const mode = fs.statSync(f.file).mode;
      fs.writeFileSync(tmp, (f.bom ? '\uFEFF' : '') + f.after, { mode });
      fs.renameSync(tmp, f.file);
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      failed.push({ file: f.file, reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
    }
  }
  return failed;
}

/** The plan as a unified diff (`--diff`), paths relative to `root` as git shows them. */
export function formatDiff(root: string, plan: FixPlan): string {
  return plan.files.map((f) => {
    const rel = path.relative(root, f.file).split(path.sep).join('/');
    return createTwoFilesPatch(`a/${rel}`, `b/${rel}`, f.before, f.after, undefined, undefined, { context: 3 })
      .replace(/^=+\n/, '');
  }).join('').replace(/\n$/, ''); // the caller ends the output with a line break
}
