import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@backoffice/testkit';
import { parseSubgraphUrls, replicaFetcher, SubgraphReplicas } from './replicas.js';
import { createSubgraphAgent, createSubgraphFetcher } from './subgraph-fetcher.js';

describe('subgraph replicas', () => {
  it('parses comma-separated URLs and names the variable of a bad one', () => {
    expect(parseSubgraphUrls('http://a:4001/graphql, http://b:4001/graphql', 'HR_URL')).toEqual([
      'http://a:4001/graphql',
      'http://b:4001/graphql',
    ]);
    expect(() => parseSubgraphUrls('http://a:4001/graphql,nonsense', 'HR_URL')).toThrow(/HR_URL: "nonsense"/);
    expect(() => parseSubgraphUrls('ftp://a/graphql', 'IT_URL')).toThrow(/IT_URL: .* must be http/);
    expect(() => parseSubgraphUrls(' , ', 'IT_URL')).toThrow(/IT_URL: no URL/);
  });

  it('goes round-robin and tries a replica marked down last, until its cooldown is over', () => {
    const set = new SubgraphReplicas(['a', 'b', 'c'], 1_000);
    expect([set.order(0)[0], set.order(0)[0], set.order(0)[0], set.order(0)[0]]).toEqual([
      'a',
      'b',
      'c',
      'a',
    ]);
    set.markDown('c', 0);
    expect(set.order(500)).toEqual(['b', 'a', 'c']);
    expect(set.order(500)).toEqual(['a', 'b', 'c']);
    expect(set.order(1_000)).toEqual(['a', 'b', 'c']);
  });

  describe('replicaFetcher', () => {
    const servers: Server[] = [];
    const urls: string[] = [];
    let refusing: string;
    const agent = createSubgraphAgent(4);
    beforeAll(async () => {
      for (const name of ['one', 'two']) {
        const server = createServer((_req, res) => {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ replica: name }));
        });
        await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
        servers.push(server);
        urls.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`);
      }
      refusing = `http://127.0.0.1:${await freePort()}/graphql`;
    });
    afterAll(async () => {
      await agent.close();
      for (const s of servers) await new Promise((r) => s.close(r));
    });

    const call = async (fetcher: ReturnType<typeof replicaFetcher>, url: string) =>
      ((await (await fetcher(url, { method: 'POST', body: '{}' })).json()) as { replica: string }).replica;

    it('spreads calls over the replicas', async () => {
      const set = new SubgraphReplicas(urls);
      const fetcher = replicaFetcher(createSubgraphFetcher(agent), new Map([[set.primary, set]]));
      const seen = [];
      for (let i = 0; i < 4; i++) seen.push(await call(fetcher, set.primary));
      expect(seen).toEqual(['one', 'two', 'one', 'two']);
    });

    it('sends a call whose connection was refused to the next replica, and skips the dead one after', async () => {
      const set = new SubgraphReplicas([refusing, urls[1]]);
      const fetcher = replicaFetcher(createSubgraphFetcher(agent), new Map([[set.primary, set]]));
      expect(await call(fetcher, set.primary)).toBe('two');
      // The refusing replica is now tried last.
      expect(set.order()[0]).toBe(urls[1]);
    });

    it('fails with the connection error when no replica answers', async () => {
      const other = `http://127.0.0.1:${await freePort()}/graphql`;
      const set = new SubgraphReplicas([refusing, other]);
      const fetcher = replicaFetcher(createSubgraphFetcher(agent), new Map([[set.primary, set]]));
      await expect(call(fetcher, set.primary)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    });
  });
});
