/** Command-line parsing shared by every subcommand. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { PushTrailError } from '../../shared/api/errors.js';

export type Options = NonNullable<ParseArgsConfig['options']>;

export function parse(argv: string[], options: Options): { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | string[] | undefined>, positionals };
  } catch (err) {
    throw new PushTrailError('bad_input', (err as Error).message);
  }
}
