import type { z } from 'zod';

// A zod schema compiled to one plain JavaScript function, for checking many records read
// back from the database at the cost of a few comparisons per value. zod's own parse
// allocates a payload and an issue list for every value it visits, which made validating
// a stored practice cost more than half as much as auditing it.
//
// The compiled check decides only "valid, and here is the value zod's parse would give"
// (new objects and arrays, the shape's keys in the shape's order) or "not known to be
// valid": it is never more lenient than zod, and where it says INVALID the caller asks zod
// itself, which decides and words the issues. So it can only make validation cheaper,
// never weaker. It understands the kinds of schema the dataset format uses (strict and
// plain objects, arrays, optional keys, strings with length, pattern, ISO date-time and
// refinement checks, numbers with bounds and safe integers, booleans, enums, literals),
// with no coercion, defaults or transforms; any other kind, or a zod whose internals have
// moved, makes compileSchema return undefined and the caller validates with zod alone.
// Inputs are trees, as JSON.parse gives them. A test holds the compiled check and zod
// together on valid and mutated patients.

export const INVALID: unique symbol = Symbol('invalid');
export type CompiledCheck<T> = (input: unknown) => T | typeof INVALID;

class Unsupported extends Error {}

/** The compiled check of `schema`, or undefined when it uses a kind this compiler leaves to zod. */
export function compileSchema<T>(schema: z.ZodType<T>): CompiledCheck<T> | undefined {
  let compiler: Compiler;
  try {
    compiler = new Compiler();
    const root = compiler.value(schema, 'input');
    compiler.functions.push(`return (input) => {\n${root.code}\nreturn ${root.out};\n};`);
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
  try {
    const make = new Function(
      'INVALID',
      'refs',
      'minLength',
      'holds',
      compiler.functions.join('\n'),
    ) as (
      invalid: typeof INVALID,
      refs: unknown[],
      minLength: typeof hasMinLength,
      holds: typeof refinementHolds,
    ) => CompiledCheck<T>;
    return make(INVALID, compiler.refs, hasMinLength, refinementHolds);
  } catch {
    // Code generation refused (--disallow-code-generation-from-strings): zod alone.
    return undefined;
  }
}

/** What the compiler reads of a zod schema or check: its definition and traits. */
interface Internals {
  def: Record<string, unknown> & { type?: string; check?: string };
  traits: Set<string>;
  optin?: string;
  optout?: string;
  values?: Set<unknown>;
}

function internals(schema: unknown): Internals {
  const zod = (schema as { _zod?: Internals } | null)?._zod;
  if (!zod || typeof zod.def !== 'object' || !(zod.traits instanceof Set))
    throw new Unsupported('not a zod 4 schema');
  return zod;
}

/** Generated code for one value: statements that return INVALID, then its result. */
interface Code {
  code: string;
  out: string;
}

class Compiler {
  /** Regular expressions, refinements and value sets, passed to the generated code. */
  readonly refs: unknown[] = [];
  /** One function per object or array schema, then the entry point. */
  readonly functions: string[] = [];
  private readonly compiled = new Map<unknown, string>();
  private names = 0;

  private ref(value: unknown): string {
    this.refs.push(value);
    return `refs[${this.refs.length - 1}]`;
  }

  private name(prefix: string): string {
    return `${prefix}${this.names++}`;
  }

  /** Code that checks the value in variable `v` (already read) against `schema`. */
  value(schema: unknown, v: string): Code {
    const zod = internals(schema);
    const { def } = zod;
    if (def.coerce) throw new Unsupported('coercion');
    const conditions: string[] = [];
    let out = v;
    let code = '';
    switch (def.type) {
      case 'string':
        conditions.push(`typeof ${v} !== 'string'`);
        if (def.format !== undefined) {
          // A string format is a pattern and nothing else only for the ISO date-time one.
          if (!zod.traits.has('$ZodISODateTime') || !(def.pattern instanceof RegExp))
            throw new Unsupported(`string format ${String(def.format)}`);
          conditions.push(`!${this.test(def.pattern, v)}`);
        } else if (zod.traits.has('$ZodCheck')) throw new Unsupported('string check schema');
        break;
      case 'number':
        if (zod.traits.has('$ZodCheck')) throw new Unsupported('number format schema');
        conditions.push(`typeof ${v} !== 'number'`, `!Number.isFinite(${v})`);
        break;
      case 'boolean':
        conditions.push(`typeof ${v} !== 'boolean'`);
        break;
      case 'enum':
      case 'literal':
        if (!(zod.values instanceof Set)) throw new Unsupported('enum without values');
        conditions.push(`!${this.ref(zod.values)}.has(${v})`);
        break;
      case 'optional': {
        if (!zod.traits.has('$ZodOptional') || zod.traits.has('$ZodExactOptional'))
          throw new Unsupported('optional kind');
        this.noDefault(def.innerType);
        if ((def.checks as unknown[] | undefined)?.length) throw new Unsupported('optional checks');
        const inner = this.value(def.innerType, v);
        if (inner.out === v) return { code: `if (${v} !== undefined) {\n${inner.code}\n}`, out: v };
        const o = this.name('o');
        return {
          code: `let ${o} = ${v};\nif (${v} !== undefined) {\n${inner.code}\n${o} = ${inner.out};\n}`,
          out: o,
        };
      }
      case 'array':
      case 'object': {
        const fn = this.container(schema, zod);
        out = this.name('r');
        code = `const ${out} = ${fn}(${v});\nif (${out} === INVALID) return INVALID;`;
        break;
      }
      default:
        throw new Unsupported(`schema type ${String(def.type)}`);
    }
    // zod runs a value's checks on the value its type gave; every one must hold. Checks
    // that zod runs only under a condition (`when`) are run always here, which can only
    // say INVALID more often.
    for (const check of (def.checks as unknown[] | undefined) ?? [])
      conditions.push(`!(${this.check(check, out)})`);
    if (conditions.length > 0) code += `\nif (${conditions.join(' || ')}) return INVALID;`;
    return { code, out };
  }

  /** An inner schema may not supply a value for absence (no defaults, no catch). */
  private noDefault(schema: unknown): void {
    const optin = internals(schema).optin;
    if (optin !== undefined && optin !== 'optional') throw new Unsupported(`inner ${optin}`);
  }

  private test(pattern: RegExp, v: string): string {
    const re = this.ref(pattern);
    return `(${re}.lastIndex = 0, ${re}.test(${v}))`;
  }

  /** A condition that holds when the check does, on a value that passed its type. */
  private check(check: unknown, v: string): string {
    const { def, traits } = internals(check);
    switch (def.check) {
      case 'min_length':
        if (typeof def.minimum !== 'number') throw new Unsupported('min_length');
        return `minLength(${v}, ${def.minimum})`;
      case 'greater_than':
      case 'less_than': {
        if (typeof def.value !== 'number') throw new Unsupported('bound');
        const op = (def.check === 'greater_than' ? '>' : '<') + (def.inclusive === true ? '=' : '');
        return `typeof ${v} === 'number' && ${v} ${op} ${String(def.value)}`;
      }
      case 'number_format':
        if (def.format !== 'safeint') throw new Unsupported(`number format ${String(def.format)}`);
        return `Number.isSafeInteger(${v})`;
      case 'string_format':
        if (def.format !== 'regex' || !traits.has('$ZodCheckRegex'))
          throw new Unsupported(`string format check ${String(def.format)}`);
        if (!(def.pattern instanceof RegExp)) throw new Unsupported('regex');
        return `typeof ${v} === 'string' && ${this.test(def.pattern, v)}`;
      case 'custom': {
        // A refinement: its function says whether the value holds (a promise would make
        // zod's synchronous parse throw, so it is not taken as a yes).
        if (!traits.has('$ZodCustom') || typeof def.fn !== 'function')
          throw new Unsupported('custom check');
        return `holds(${this.ref(def.fn)}(${v}))`;
      }
      default:
        throw new Unsupported(`check ${String(def.check)}`);
    }
  }

  /** The name of the function that checks an object or array, compiled once per schema. */
  private container(schema: unknown, zod: Internals): string {
    const known = this.compiled.get(schema);
    if (known) return known;
    const fn = this.name('check');
    this.compiled.set(schema, fn);
    const body = zod.def.type === 'array' ? this.arrayBody(zod.def) : this.objectBody(zod.def);
    this.functions.push(`function ${fn}(v) {\n${body}\n}`);
    return fn;
  }

  private arrayBody(def: Internals['def']): string {
    this.noDefault(def.element);
    const element = this.value(def.element, 'e');
    return [
      'if (!Array.isArray(v)) return INVALID;',
      'const out = new Array(v.length);',
      'for (let i = 0; i < v.length; i++) {',
      'const e = v[i];',
      element.code,
      `out[i] = ${element.out};`,
      '}',
      'return out;',
    ].join('\n');
  }

  /**
   * A plain object: each key of the shape present (as zod sees presence, with `in`) or
   * optional; with a strict object, no other key (as zod sees keys, with `for...in`). The
   * result has the shape's keys that the input has, in the shape's order, as zod builds it.
   */
  private objectBody(def: Internals['def']): string {
    const shape = def.shape as Record<string, unknown> | undefined;
    if (!shape || Object.getOwnPropertySymbols(shape).length > 0)
      throw new Unsupported('object shape');
    let strict: boolean;
    if (def.catchall === undefined) strict = false;
    else if (internals(def.catchall).def.type === 'never') strict = true;
    else throw new Unsupported('catchall');
    const keys = Object.keys(shape);
    const lines = ["if (typeof v !== 'object' || v === null || Array.isArray(v)) return INVALID;"];
    if (strict)
      lines.push(
        `for (const k in v) if (${keys.map((k) => `k !== ${JSON.stringify(k)}`).join(' && ') || 'true'}) return INVALID;`,
      );
    lines.push('const out = {};');
    for (const key of keys) {
      if (key === '__proto__') throw new Unsupported('__proto__ key');
      const field = internals(shape[key]);
      const optional = field.optin !== undefined;
      if (optional && (field.optin !== 'optional' || field.optout !== 'optional'))
        throw new Unsupported(`key ${key}: ${String(field.optin)}`);
      if (!optional && field.optout !== undefined) throw new Unsupported(`key ${key}`);
      const literal = JSON.stringify(key);
      const x = this.name('x');
      const value = this.value(shape[key], x);
      const read = `const ${x} = v[${literal}];\n${value.code}\nout[${literal}] = ${value.out};`;
      lines.push(
        optional
          ? `if (${literal} in v) {\n${read}\n}`
          : `if (!(${literal} in v)) return INVALID;\n{\n${read}\n}`,
      );
    }
    lines.push('return out;');
    return lines.join('\n');
  }
}

/** A refinement's answer as zod takes it: truthy, and not a promise. */
function refinementHolds(result: unknown): boolean {
  return Boolean(result) && !(result instanceof Promise);
}

/** zod's minimum length: array elements, or a string's code points. */
function hasMinLength(v: unknown, min: number): boolean {
  if (Array.isArray(v)) return v.length >= min;
  if (typeof v !== 'string') return false;
  // Fewer UTF-16 units can never reach the floor, twice as many always do; in between,
  // each surrogate pair counts once.
  if (v.length < min) return false;
  if (v.length >= min * 2) return true;
  let count = v.length;
  for (let i = 0; i < v.length - 1; i++)
    if ((v.charCodeAt(i) & 0xfc00) === 0xd800 && (v.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      count--;
      i++;
    }
  return count >= min;
}
