/**
 * The baseline of bench:request-path: a plain Apollo Server subgraph (`buildSubgraphSchema`, stock
 * plugins, no kit) answering the hr employee page from hr's own database with one `pg` query and a
 * join. It is what the page costs without the kit, the figure the hr subgraph is measured against.
 * Run as its own process: PORT and DATABASE_URL (hr's database) in the environment.
 *
 * The root declares Apollo Server and federation at the kit's ranges, and the lockfile holds one
 * version of each, so the baseline runs the very versions hr runs on.
 */
import http from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import pg from 'pg';

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Department @key(fields: "id") { id: ID! name: String! costCenter: String! }
  type Employee @key(fields: "id") {
    id: ID! givenName: String! familyName: String! email: String! status: String! department: Department!
  }
  type EmployeeEdge { cursor: String! node: Employee! }
  type EmployeeConnection { edges: [EmployeeEdge!]! }
  type Query { employees(first: Int): EmployeeConnection! }
`);

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

interface Row {
  id: string;
  given_name: string;
  family_name: string;
  email: string;
  status: string;
  department_id: string;
  department_name: string;
  cost_center: string;
}

const resolvers = {
  Query: {
    async employees(_: unknown, args: { first?: number | null }) {
      const first = Math.min(Math.max(args.first ?? 20, 1), 100);
      const { rows } = await pool.query<Row>(
        `SELECT e.id, e.given_name, e.family_name, e.email, e.status, e.department_id,
                d.name AS department_name, d.cost_center
           FROM employee e JOIN department d ON d.id = e.department_id
          ORDER BY e.family_name, e.given_name, e.id
          LIMIT $1`,
        [first],
      );
      return {
        edges: rows.map((r) => ({
          cursor: Buffer.from(JSON.stringify([r.family_name, r.given_name, r.id])).toString('base64url'),
          node: {
            id: r.id,
            givenName: r.given_name,
            familyName: r.family_name,
            email: r.email,
            status: r.status,
            department: { id: r.department_id, name: r.department_name, costCenter: r.cost_center },
          },
        })),
      };
    },
  },
};

const server = new ApolloServer({ schema: buildSubgraphSchema([{ typeDefs, resolvers }]) });
await server.start();

/** A minimal HTTP binding (Apollo's standalone server without its Express layer), JSON bodies only. */
const httpServer = http.createServer(async (req, res) => {
  if (req.url === '/health') {
    res.writeHead(200).end('ok');
    return;
  }
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const headers = new HeaderMap();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
  const result = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: req.method ?? 'POST',
      headers,
      search: '',
      body: chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined,
    },
    context: async () => ({}),
  });
  for (const [k, v] of result.headers) res.setHeader(k, v);
  res.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') res.end(result.body.string);
  else {
    for await (const part of result.body.asyncIterator) res.write(part);
    res.end();
  }
});
httpServer.listen(Number(process.env.PORT), '127.0.0.1');
