import { GraphQLError, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { inputHygienePlugin } from './input-hygiene.js';

/** Runs the plugin's check as Apollo does once the operation is resolved. */
async function check(query: string, variables?: Record<string, unknown>, document = parse(query)) {
  const hooks = await inputHygienePlugin.requestDidStart?.({} as never);
  await hooks?.didResolveOperation?.({ request: { query, variables }, document } as never);
}

describe('input hygiene', () => {
  it('refuses NUL in a string of the document, each time the same parsed document comes back', async () => {
    const query = 'mutation { note(text: "a\\u0000b") }';
    const document = parse(query);
    for (let i = 0; i < 2; i++)
      await expect(check(query, undefined, document)).rejects.toSatisfy(
        (e) => e instanceof GraphQLError && e.extensions.code === 'BAD_USER_INPUT',
      );
    const clean = parse('mutation { note(text: "ab") }');
    await expect(check('', undefined, clean)).resolves.toBeUndefined();
    await expect(check('', undefined, clean)).resolves.toBeUndefined();
  });

  it('refuses NUL in a variable, in a value or a key', async () => {
    const document = parse('mutation($t: String) { note(text: $t) }');
    await expect(check('', { t: 'a\u0000' }, document)).rejects.toThrow(/NUL/);
    await expect(check('', { t: { 'k\u0000': 1 } }, document)).rejects.toThrow(/NUL/);
    await expect(check('', { t: 'fine' }, document)).resolves.toBeUndefined();
  });
});
