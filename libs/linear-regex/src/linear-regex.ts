import { RE2JS } from 're2js';

/**
 * Regular expressions that an admin saves and a customer's text is matched against (routing rule
 * patterns, template field patterns). V8's engine backtracks: `(a+)+$` on 30 characters blocks the
 * event loop for seconds. RE2 semantics match in time linear in the input, at the price of no
 * lookaround and no backreferences, which such patterns are refused for when saved.
 */
export interface LinearRegex {
  readonly source: string;
  test(text: string): boolean;
  /** The first match's text, or undefined. */
  firstMatch(text: string): string | undefined;
}

export interface LinearRegexOptions {
  readonly ignoreCase?: boolean;
}

class Re2Regex implements LinearRegex {
  constructor(
    readonly source: string,
    private readonly compiled: RE2JS,
  ) {}

  test(text: string): boolean {
    return this.compiled.matcher(text).find();
  }

  firstMatch(text: string): string | undefined {
    const matcher = this.compiled.matcher(text);
    return matcher.find() ? (matcher.group() ?? '') : undefined;
  }
}

/** Compiles with RE2 semantics; throws `LinearRegexSyntaxError` for what RE2 cannot run. */
export function compileLinearRegex(source: string, options: LinearRegexOptions = {}): LinearRegex {
  try {
    return new Re2Regex(source, RE2JS.compile(source, options.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0));
  } catch (error) {
    throw new LinearRegexSyntaxError(source, error instanceof Error ? error.message : String(error));
  }
}

/** Why a pattern cannot be saved, in words for the admin, or undefined when it can. */
export function linearRegexProblem(source: string): string | undefined {
  try {
    compileLinearRegex(source);
    return undefined;
  } catch (error) {
    return error instanceof LinearRegexSyntaxError ? error.message : String(error);
  }
}

export class LinearRegexSyntaxError extends Error {
  constructor(
    readonly source: string,
    reason: string,
  ) {
    super(
      `not a supported regular expression (${reason.replace(/^error parsing regexp: /, '')}); ` +
        'patterns run in linear time, so lookaround and backreferences are not available',
    );
    this.name = 'LinearRegexSyntaxError';
  }
}

/**
 * Ajv's `code.regExp` engine, so JSON-schema `pattern` keywords match in linear time too. Ajv caches
 * compiled patterns by `toString()`, so it must name the pattern (an object's default would make every
 * pattern share the first one compiled).
 */
export function ajvLinearRegExp(
  source: string,
  flags: string,
): { test: (text: string) => boolean; toString: () => string } {
  const regex = compileLinearRegex(source, { ignoreCase: flags.includes('i') });
  return { test: (text) => regex.test(text), toString: () => `/${source}/${flags}` };
}
ajvLinearRegExp.code = 'linearRegExp';
