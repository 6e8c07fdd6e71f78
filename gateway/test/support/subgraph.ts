import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { withCommonSdl } from '@backoffice/kit/sdl';
import type { DocumentNode, GraphQLSchema } from 'graphql';

// @apollo/subgraph is a dependency of @backoffice/kit, not of the gateway package, so it is loaded
// from the kit's location. It is CommonJS and shares the CommonJS `graphql` with @apollo/server.
const requireFromKit = createRequire(new URL('../../../libs/kit/package.json', import.meta.url));
const { buildSubgraphSchema } = requireFromKit('@apollo/subgraph') as {
  buildSubgraphSchema(modules: { typeDefs: DocumentNode; resolvers?: unknown }): GraphQLSchema;
};
const { parse } = requireFromKit('graphql') as { parse(sdl: string): DocumentNode };

export interface TestSubgraph {
  /** GraphQL endpoint. */
  url: string;
  /** Headers of every GraphQL request received, oldest first. */
  received: IncomingHttpHeaders[];
  /** The raw body of each of those requests, in the same order. */
  bodies: string[];
  /** What `/health` answers: 'up' (200), 'down' (503) or 'hang' (never). */
  health: 'up' | 'down' | 'hang';
  stop(): Promise<void>;
}

type Route = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * A federation subgraph on node:http at a random loopback port, with /health and optional extra routes.
 * `sdl` is the service's own part: the kit's common header goes before it, as in a real subgraph.
 */
export async function startTestSubgraph(options: {
  sdl: string;
  resolvers: unknown;
  route?: Route;
}): Promise<TestSubgraph> {
  const apollo = new ApolloServer({
    schema: buildSubgraphSchema({
      typeDefs: parse(withCommonSdl(options.sdl)),
      resolvers: options.resolvers,
    }),
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const hanging = new Set<ServerResponse>();
  const subgraph: TestSubgraph = { url: '', received: [], bodies: [], health: 'up', stop: async () => {} };

  const server = createServer(async (req, res) => {
    if (req.url === '/health') {
      if (subgraph.health === 'hang') {
        hanging.add(res);
        return;
      }
      res.writeHead(subgraph.health === 'up' ? 200 : 503).end();
      return;
    }
    if (options.route?.(req, res)) return;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    subgraph.received.push(req.headers);
    const text = Buffer.concat(chunks).toString('utf8');
    subgraph.bodies.push(text);
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers.set(name, value);
    }
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: req.method ?? 'POST',
        headers,
        search: new URL(req.url ?? '/', 'http://x').search,
        body: text ? JSON.parse(text) : undefined,
      },
      context: async () => ({}),
    });
    res.statusCode = result.status ?? 200;
    for (const [name, value] of result.headers) res.setHeader(name, value);
    res.end(result.body.kind === 'complete' ? result.body.string : '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  subgraph.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  subgraph.stop = async () => {
    for (const res of hanging) res.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await apollo.stop();
  };
  return subgraph;
}
