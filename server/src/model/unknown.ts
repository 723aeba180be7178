/**
 * Unknown: what a reader or the replay could not evaluate — a type built by a project function, a
 * default computed at run time, a column set extended by code, a table name computed by a call, the
 * state of a chain after an operation it could not read. It is a value of the schema model, distinct
 * from "absent" (a column declared without a default has `serverDefault: undefined`; one whose
 * default did not evaluate has an Unknown). Every rule treats Unknown as "no evidence" and stays
 * silent about it; the coverage account lists each one with its reason and place, so that silence
 * can be told from absence (as pyright's Unknown type, distinct from Any).
 */
import type { Location } from './source';

export interface Unknown {
  readonly unknown: true;
  /** What could not be evaluated, in a few words ("type from a project function", "table name computed by a call"). */
  readonly reason: string;
  /** Where the construct is written, when it is written somewhere. */
  readonly location?: Location;
}

export function unknownValue(reason: string, location?: Location): Unknown {
  return location ? { unknown: true, reason, location } : { unknown: true, reason };
}

export function isUnknown(value: unknown): value is Unknown {
  return typeof value === 'object' && value !== null && (value as { unknown?: unknown }).unknown === true;
}

/** The value, or undefined where it is absent or Unknown: what a rule may compare. */
export function known<T>(value: T | Unknown | undefined): T | undefined {
  return isUnknown(value) ? undefined : value;
}
