/**
 * A small runtime schema for message payloads: every payload that arrives over NATS is checked at the edge
 * before a handler sees it (DESIGN.md house rule 4). Written here rather than taken from a package so that
 * the contracts stay free of runtime dependencies, like the domain library they sit on.
 *
 * Objects ignore fields they do not know: adding an optional field to a payload is a compatible change
 * (house rule 3), so a consumer must accept messages from a newer producer.
 */

export interface FieldError {
  /** Where: 'payload.members[2].nik'. */
  readonly path: string;
  readonly message: string;
}

export interface ParseFailure {
  readonly ok: false;
  readonly errors: readonly FieldError[];
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | ParseFailure;

export interface Schema<T> {
  parse(input: unknown, path?: string): Parsed<T>;
  /** A short description of the expected shape, for error messages and documentation. */
  readonly description: string;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

function schema<T>(description: string, check: (input: unknown, path: string) => Parsed<T>): Schema<T> {
  return { description, parse: (input, path = 'payload') => check(input, path) };
}

const fail = (path: string, message: string): ParseFailure => ({ ok: false, errors: [{ path, message }] });

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function realDate(value: string): boolean {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export const s = {
  string(options: { min?: number; max?: number; pattern?: RegExp } = {}): Schema<string> {
    const { min = 0, max = 10_000, pattern } = options;
    return schema<string>(`string${pattern ? ` matching ${pattern}` : ''}`, (input, path) => {
      if (typeof input !== 'string') return fail(path, 'must be a string');
      if (input.length < min || input.length > max) return fail(path, `must have ${min}–${max} characters`);
      if (pattern && !pattern.test(input)) return fail(path, `must match ${pattern}`);
      return { ok: true, value: input };
    });
  },
  int(options: { min?: number; max?: number } = {}): Schema<number> {
    const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = options;
    return schema<number>('integer', (input, path) =>
      typeof input === 'number' && Number.isInteger(input) && input >= min && input <= max
        ? { ok: true, value: input }
        : fail(path, `must be an integer from ${min} to ${max}`),
    );
  },
  boolean(): Schema<boolean> {
    return schema<boolean>('boolean', (input, path) => (typeof input === 'boolean' ? { ok: true, value: input } : fail(path, 'must be true or false')));
  },
  literal<const V extends string | number>(...values: readonly V[]): Schema<V> {
    return schema<V>(values.map((v) => JSON.stringify(v)).join(' | '), (input, path) =>
      (values as readonly unknown[]).includes(input) ? { ok: true, value: input as V } : fail(path, `must be one of ${values.join(', ')}`),
    );
  },
  /** 'YYYY-MM-DD', a real calendar date. */
  isoDate(): Schema<string> {
    return schema<string>('date YYYY-MM-DD', (input, path) =>
      typeof input === 'string' && ISO_DATE.test(input) && realDate(input) ? { ok: true, value: input } : fail(path, 'must be a real date YYYY-MM-DD'),
    );
  },
  /** An ISO 8601 date-time with its offset. */
  instant(): Schema<string> {
    return schema<string>('date-time with offset', (input, path) =>
      typeof input === 'string' && INSTANT.test(input) && realDate(input) ? { ok: true, value: input } : fail(path, 'must be an ISO 8601 date-time with offset'),
    );
  },
  uuid(): Schema<string> {
    return schema<string>('uuid', (input, path) => (typeof input === 'string' && UUID.test(input) ? { ok: true, value: input } : fail(path, 'must be a lower-case UUID')));
  },
  /** Sixteen digits (a NIK or No. KK); the full check is the domain library's, at the handler. */
  digits16(): Schema<string> {
    return s.string({ pattern: /^\d{16}$/ });
  },
  optional<T>(inner: Schema<T>): Schema<T | undefined> {
    return schema<T | undefined>(`${inner.description} (optional)`, (input, path) => (input === undefined ? { ok: true, value: undefined } : inner.parse(input, path)));
  },
  nullable<T>(inner: Schema<T>): Schema<T | null> {
    return schema<T | null>(`${inner.description} or null`, (input, path) => (input === null ? { ok: true, value: null } : inner.parse(input, path)));
  },
  array<T>(inner: Schema<T>, options: { max?: number } = {}): Schema<T[]> {
    const { max = 10_000 } = options;
    return schema<T[]>(`array of ${inner.description}`, (input, path) => {
      if (!Array.isArray(input)) return fail(path, 'must be an array');
      if (input.length > max) return fail(path, `must have at most ${max} items`);
      const value: T[] = [];
      const errors: FieldError[] = [];
      input.forEach((item, i) => {
        const r = inner.parse(item, `${path}[${i}]`);
        if (r.ok) value.push(r.value);
        else errors.push(...r.errors);
      });
      return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
    });
  },
  object<Shape extends Record<string, Schema<unknown>>>(shape: Shape): Schema<ObjectOf<Shape>> {
    return schema<ObjectOf<Shape>>('object', (input, path) => {
      if (typeof input !== 'object' || input === null || Array.isArray(input)) return fail(path, 'must be an object');
      const value: Record<string, unknown> = {};
      const errors: FieldError[] = [];
      for (const [key, field] of Object.entries(shape)) {
        const r = field.parse((input as Record<string, unknown>)[key], `${path}.${key}`);
        if (r.ok) {
          if (r.value !== undefined) value[key] = r.value;
        } else errors.push(...r.errors);
      }
      return errors.length > 0 ? { ok: false, errors } : { ok: true, value: value as ObjectOf<Shape> };
    });
  },
};

type OptionalKeys<Shape> = { [K in keyof Shape]: undefined extends Infer<Shape[K]> ? K : never }[keyof Shape];
type RequiredKeys<Shape> = Exclude<keyof Shape, OptionalKeys<Shape>>;
export type ObjectOf<Shape> = { readonly [K in RequiredKeys<Shape>]: Infer<Shape[K]> } & { readonly [K in OptionalKeys<Shape>]?: Infer<Shape[K]> };
