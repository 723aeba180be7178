/** Conversions between the core's findings and LSP types. The only place that knows both. */
import type { UnreadConstruct } from '../analysis/coverage';
import { withLineEnding } from '../fixes/edits';
import { pathToFileURL, fileURLToPath } from 'url';
import {
  CodeAction, CodeActionKind, Diagnostic, DiagnosticSeverity, DiagnosticTag, Location as LspLocation, TextEdit, WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { Location } from '../model/source';
import { ruleDocsUrl } from '../rules/support/docs';
import type { Finding, Fix, Severity } from '../rules/types';

export const DIAGNOSTIC_SOURCE = 'schemasense';

export function fileToUri(file: string): string {
  return pathToFileURL(file).toString();
}

export function uriToFile(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspLocation(l: Location): LspLocation {
  return { uri: fileToUri(l.file), range: l.range };
}

/** Data carried by each diagnostic: its rule (the fixes are looked up when asked for, against the current text). */
export interface DiagnosticData {
  ruleId: string;
}

/** A construct the readers could not evaluate, as a hint: the rules say nothing about it. */
export function unreadToDiagnostic(u: UnreadConstruct): Diagnostic {
  return {
    range: u.location.range,
    severity: DiagnosticSeverity.Hint,
    code: 'unread',
    source: DIAGNOSTIC_SOURCE,
    message: `Not read: ${u.what}. Schema Sense's rules say nothing about it.`,
  };
}

export function toDiagnostic(f: Finding): Diagnostic {
  const d: Diagnostic = {
    range: f.location.range,
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    codeDescription: { href: ruleDocsUrl(f.ruleId) },
    source: DIAGNOSTIC_SOURCE,
    message: f.message,
    data: { ruleId: f.ruleId } satisfies DiagnosticData,
  };
  if (f.related.length) d.relatedInformation = f.related.map((r) => ({ location: toLspLocation(r.location), message: r.message }));
  if (f.tags?.includes('unnecessary')) d.tags = [DiagnosticTag.Unnecessary];
  return d;
}

export function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

export function toWorkspaceEdit(edits: Fix['edits']): WorkspaceEdit {
  if (edits.some((e) => e.create)) {
    // Creating a file needs documentChanges: a create operation, then the content.
    return {
      documentChanges: edits.flatMap((e) => {
        const uri = fileToUri(e.file);
        const text = { textDocument: { uri, version: null }, edits: [{ range: e.range, newText: e.newText }] };
        return e.create ? [{ kind: 'create' as const, uri, options: { overwrite: false, ignoreIfExists: false } }, text] : [text];
      }),
    };
  }
  const changes: Record<string, TextEdit[]> = {};
  for (const e of edits) (changes[fileToUri(e.file)] ??= []).push({ range: e.range, newText: e.newText });
  return { changes };
}

/** Whether the client can apply this fix (creating files needs resource-operation support). */
export function clientCanApply(fix: Fix, canCreateFiles: boolean): boolean {
  return canCreateFiles || !fix.edits.some((e) => e.create);
}

/**
 * `eolOf(file)`: the line ending of the file as the editor holds it; inserted lines use it, so that
 * a fix never mixes LF into a CRLF file.
 */
export function fixToCodeAction(fix: Fix, diagnostic: Diagnostic, preferred: boolean, eolOf: (file: string) => string = () => '\n'): CodeAction {
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: preferred,
    edit: toWorkspaceEdit(fix.edits.map((e) => (e.create ? e : { ...e, newText: withLineEnding(e.newText, eolOf(e.file)) }))),
  };
}
