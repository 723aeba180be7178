/**
 * Text edits that quick fixes are made of, written in the host file's own syntax.
 * Each is a plain, undoable text edit; none touches anything but the declaration it is about.
 */
import type { OptionAnchor } from '../model/schema';
import type { Location } from '../model/source';
import type { FileEdit } from '../rules/types';

export function replaceEdit(location: Location, newText: string): FileEdit {
  return { file: location.file, range: location.range, newText };
}

export function removeEdit(location: Location): FileEdit {
  return { file: location.file, range: location.range, newText: '' };
}

/** Adds an option to a call: `, index=True` in Python; `, index: true` for an options object in TypeScript. */
export function addOptionEdit(file: string, anchor: OptionAnchor, name: string, value: string): FileEdit {
  const text = anchor.syntax === 'python' ? `${name}=${value}` : `${name}: ${value}`;
  return {
    file,
    range: { start: anchor.position, end: anchor.position },
    newText: anchor.hasArguments ? `, ${text}` : text,
  };
}

/** Creates a new file with `content` (e.g. a merge migration). */
export function createFileEdit(file: string, content: string): FileEdit {
  const start = { line: 0, character: 0 };
  return { file, range: { start, end: start }, newText: content, create: true };
}

/** The line ending a text uses (its first one): what inserted lines must use too. */
export function lineEndingOf(text: string): '\r\n' | '\r' | '\n' {
  const i = text.search(/\r\n|\r|\n/);
  if (i < 0) return '\n';
  return text[i] === '\n' ? '\n' : text[i + 1] === '\n' ? '\r\n' : '\r';
}

/** `newText` with its line breaks in `eol` (fixes are written with `\n`). */
export function withLineEnding(newText: string, eol: string): string {
  return eol === '\n' ? newText : newText.replace(/\r\n|\r|\n/g, eol);
}

/** Applies non-overlapping edits to a text (used by the CLI's `--fix` and by tests), in its line endings. */
export function applyEdits(text: string, edits: { range: FileEdit['range']; newText: string }[]): string {
  const eol = lineEndingOf(text);
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const offset = (p: { line: number; character: number }) =>
    Math.min(text.length, (lineStarts[p.line] ?? text.length) + p.character);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  let lastStart = Infinity;
  for (const e of sorted) {
    const start = offset(e.range.start);
    const end = offset(e.range.end);
    if (end > lastStart) continue; // overlapping: keep the later edit only
    out = out.slice(0, start) + withLineEnding(e.newText, eol) + out.slice(end);
    lastStart = start;
  }
  return out;
}
