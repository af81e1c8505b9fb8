/**
 * Errors are values in this library (DESIGN.md, house rule 2): every function that can reject its input
 * returns a discriminated result and reports every violation it finds, not only the first.
 */

/** One violation: a stable machine-readable `code` from a closed union, and an English message. */
export interface Problem<Code extends string = string> {
  readonly code: Code;
  readonly message: string;
}

export interface Ok<Value, WarningCode extends string = never> {
  readonly ok: true;
  readonly value: Value;
  /** Findings that do not make the input invalid (for example a kecamatan code missing from our data). */
  readonly warnings: readonly Problem<WarningCode>[];
}

export interface Failure<ErrorCode extends string> {
  readonly ok: false;
  readonly errors: readonly Problem<ErrorCode>[];
}

export type Result<Value, ErrorCode extends string, WarningCode extends string = never> =
  | Ok<Value, WarningCode>
  | Failure<ErrorCode>;

/** Shared empty list so that the common case (no warnings) allocates nothing. */
export const NO_PROBLEMS: readonly never[] = Object.freeze([]);

export function ok<Value, WarningCode extends string = never>(
  value: Value,
  warnings: readonly Problem<WarningCode>[] = NO_PROBLEMS,
): Ok<Value, WarningCode> {
  return { ok: true, value, warnings };
}

export function fail<ErrorCode extends string>(errors: readonly Problem<ErrorCode>[]): Failure<ErrorCode> {
  return { ok: false, errors };
}

export function problem<Code extends string>(code: Code, message: string): Problem<Code> {
  return { code, message };
}
