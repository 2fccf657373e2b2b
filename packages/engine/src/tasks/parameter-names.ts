/**
 * The parameter names of a function, read from its source: `(a, b = 1, ...rest)` → `['a', 'b',
 * '...rest']`. A destructured parameter (`{ a, b }` or `[x]`) has no name and yields `null`.
 * Bundlers may rename parameters; names are used for run names, cache exclusions and the flow run's
 * recorded parameters, never for calling the function. @internal
 */
export function parameterNames(fn: (...args: never[]) => unknown): (string | null)[] {
  const source = Function.prototype.toString.call(fn);
  const list = paramListSource(source);
  if (list === null) return [];
  return splitTopLevel(list)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => {
      if (p.startsWith('{') || p.startsWith('[')) return null;
      const rest = p.startsWith('...');
      const name = (rest ? p.slice(3) : p).split(/[=:\s]/)[0]!.trim();
      if (!/^[\w$]+$/.test(name)) return null;
      return rest ? `...${name}` : name;
    });
}

function paramListSource(source: string): string | null {
  const open = source.indexOf('(');
  const arrow = source.indexOf('=>');
  // `x => …`: a single unparenthesised parameter.
  if (arrow !== -1 && (open === -1 || arrow < open)) {
    const head = source
      .slice(0, arrow)
      .replace(/^async\s+/, '')
      .trim();
    return /^[\w$]+$/.test(head) ? head : null;
  }
  if (open === -1) return null;
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') {
      depth--;
      if (depth === 0) return source.slice(open + 1, i);
    }
  }
  return null;
}

function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  let quote: string | null = null;
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(list.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(list.slice(start));
  return parts;
}

/**
 * Bind positional arguments to a parameters record: by name where the source names them; a lone
 * destructured parameter given a plain object contributes that object's keys; others are `argN`.
 * @internal
 */
export function bindParameters(names: (string | null)[], args: readonly unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < args.length; i++) {
    const name = names[i];
    if (name?.startsWith('...')) {
      out[name.slice(3)] = args.slice(i);
      return out;
    }
    const value = args[i];
    if (name) out[name] = value;
    else if (names.length === 1 && isPlainObject(value)) Object.assign(out, value);
    else out[`arg${i}`] = value;
  }
  return out;
}

/** Whether a value is a plain object (`{}` or `Object.create(null)`). @internal */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
