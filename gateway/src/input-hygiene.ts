import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, GraphQLError, Kind, visit } from 'graphql';
import type { GatewayContext } from './context.js';

/**
 * Text with a NUL character can never be stored (Postgres text refuses it) and is a classic way to cut
 * a string short in some layer below; refused here with BAD_USER_INPUT before any subgraph sees it,
 * whether it comes in a variable or in a string literal of the document.
 */
const NUL = '\u0000';

function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes(NUL);
  if (depth > 32 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((item) => hasNul(item, depth + 1));
  return Object.entries(value).some(([key, item]) => key.includes(NUL) || hasNul(item, depth + 1));
}

/** Apollo keeps each parsed document and hands the same one back for a repeated query: walked once. */
const checkedDocuments = new WeakMap<DocumentNode, boolean>();

function documentHasNul(document: DocumentNode): boolean {
  const known = checkedDocuments.get(document);
  if (known !== undefined) return known;
  let found = false;
  visit(document, {
    [Kind.STRING]: (node) => {
      if (node.value.includes(NUL)) found = true;
    },
  });
  checkedDocuments.set(document, found);
  return found;
}

export const inputHygienePlugin: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document }) {
        if (!hasNul(request.variables) && !documentHasNul(document)) return;
        throw new GraphQLError('text may not contain NUL (\\u0000) characters', {
          extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
        });
      },
    };
  },
};
