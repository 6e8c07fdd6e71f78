import type { ApolloGateway, Experimental_DidResolveQueryPlanCallback } from '@apollo/gateway';
import { type GraphQLSchema, getVariableValues, type VariableDefinitionNode } from 'graphql';
import { type DirectFetch, directFetchOf, type SupergraphFacts, supergraphFacts } from './decide.js';

type Executor = ApolloGateway['executor'];
type RequestContext = Parameters<Executor>[0];
type PlanArguments = Parameters<Experimental_DidResolveQueryPlanCallback>[0];
type DataSource = PlanArguments['serviceMap'][string];
type SubgraphResponse = Awaited<ReturnType<DataSource['process']>>;
type IncomingOperation = Extract<Parameters<DataSource['process']>[0], { incomingRequestContext: unknown }>;
/** GraphQLDataSourceRequestKind.INCOMING_OPERATION, an enum @apollo/gateway does not export. */
export const INCOMING_OPERATION = 'incoming operation' as unknown as IncomingOperation['kind'];

/** What was decided for one operation of one document, under one API schema. */
interface Decision {
  schema: GraphQLSchema;
  /** Undefined: this operation is answered by @apollo/gateway's own execution. */
  direct?: DirectFetch & { dataSource: DataSource; variableDefinitions: readonly VariableDefinitionNode[] };
}

/** What a direct attempt got from the subgraph, for the gateway's own execution to use instead of asking again. */
type Outcome = { response: SubgraphResponse } | { error: unknown };

export interface DirectAnswersOptions {
  /** The composed supergraph, read for what the API schema does not say (decide.ts). */
  supergraphSdl: string;
  /** Off: every request goes through @apollo/gateway's execution (development, tracing, DIRECT_ANSWERS=off). */
  enabled: boolean;
  /** Operations remembered; beyond it the oldest is forgotten (and decided again when it comes back). */
  maxOperations?: number;
  /** Called with the subgraph's name for each request answered directly (a metric). */
  onDirect?: (serviceName: string) => void;
}

/**
 * Queries that one subgraph answers whole, answered as that subgraph answered them.
 *
 * For most front-office pages the query plan is one fetch to one subgraph, and @apollo/gateway then
 * rebuilds the operation, walks the plan and re-shapes every value of the subgraph's answer against the
 * client's operation (resultShaping.ts): measured as the largest share of the gateway's CPU on a page
 * (bench/RESULTS.md, request path). When the plan for an operation is such a fetch and the fetch asks
 * exactly what the client asked (decide.ts), the shaped answer equals the subgraph's `data`; from the
 * second request of that operation on, the gateway sends the plan's fetch through the same data source
 * (identity, de-duplication, replicas, metrics alike) and answers with that data.
 *
 * Anything else goes the usual way: operations not yet planned, other plans, invalid variables, and any
 * answer with errors or without data. For those the subgraph is not asked twice: the gateway's own
 * execution receives the response (or failure) already in hand through `IdentityForwardingDataSource`
 * (`replayed`), so errors are mapped, located and formatted exactly as @apollo/gateway does.
 */
export class DirectAnswers {
  /** Read from the supergraph on the first operation planned, not at start-up (nor at all when off). */
  private facts?: SupergraphFacts;
  private readonly decisions = new Map<string, Decision>();
  private readonly maxOperations: number;
  /** Per client request (its context object): what a direct attempt received, waiting to be replayed. */
  private readonly pending = new WeakMap<object, { dataSource: DataSource; outcome: Outcome }>();

  constructor(private readonly options: DirectAnswersOptions) {
    this.maxOperations = options.maxOperations ?? 1_000;
  }

  /** For `experimental_didResolveQueryPlan`: decides once per operation whether it can be answered directly. */
  readonly learn: Experimental_DidResolveQueryPlanCallback = ({
    queryPlan,
    serviceMap,
    operationContext,
    requestContext,
  }) => {
    if (!this.options.enabled) return;
    const key = keyOf(requestContext);
    if (key === undefined) return;
    const known = this.decisions.get(key);
    if (known && known.schema === operationContext.schema) return;
    this.facts ??= supergraphFacts(this.options.supergraphSdl);
    const fetch = directFetchOf(queryPlan, operationContext, this.facts);
    const dataSource = fetch && serviceMap[fetch.serviceName];
    this.remember(key, {
      schema: operationContext.schema,
      direct:
        fetch && dataSource
          ? {
              ...fetch,
              dataSource,
              variableDefinitions: operationContext.operation.variableDefinitions ?? [],
            }
          : undefined,
    });
  };

  /** The gateway's executor, answering directly what was decided so and handing the rest to it. */
  wrap(execute: Executor): Executor {
    return async (requestContext) => {
      const direct = this.directFor(requestContext);
      if (!direct) return execute(requestContext);
      const { request, context } = requestContext;
      const variables: Record<string, unknown> = Object.create(null);
      for (const name of direct.variableUsages) {
        const value = request.variables?.[name];
        if (value !== undefined && Object.hasOwn(request.variables ?? {}, name)) variables[name] = value;
      }
      let outcome: Outcome;
      try {
        const response = await direct.dataSource.process({
          kind: INCOMING_OPERATION,
          request: { query: direct.operation, variables, operationName: direct.operationName },
          incomingRequestContext: requestContext,
          context,
          document: direct.document,
          pathInIncomingRequest: [],
        });
        const data = response.data;
        if (!response.errors?.length && data && typeof data === 'object') {
          this.options.onDirect?.(direct.serviceName);
          return { data };
        }
        outcome = { response };
      } catch (error) {
        outcome = { error };
      }
      this.pending.set(context, { dataSource: direct.dataSource, outcome });
      return execute(requestContext);
    };
  }

  /**
   * For the data source: the response a direct attempt of this request already received from it, once.
   * Undefined when there is none (the data source then sends the request as usual).
   */
  replayed(context: object | undefined, dataSource: DataSource): Outcome | undefined {
    if (!context) return undefined;
    const held = this.pending.get(context);
    if (!held || held.dataSource !== dataSource) return undefined;
    this.pending.delete(context);
    return held.outcome;
  }

  /** The gateway as Apollo Server sees it, its executor answering directly where it can. */
  gatewayOf(gateway: ApolloGateway): Pick<ApolloGateway, 'load' | 'onSchemaLoadOrUpdate' | 'stop'> {
    return {
      load: async (options) => {
        const loaded = await gateway.load(options);
        return { ...loaded, executor: this.wrap(loaded.executor) };
      },
      onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
      stop: () => gateway.stop(),
    };
  }

  /** Operations remembered (decided either way). */
  size(): number {
    return this.decisions.size;
  }

  private directFor(requestContext: RequestContext): Decision['direct'] {
    if (!this.options.enabled || requestContext.metrics?.captureTraces) return undefined;
    const key = keyOf(requestContext);
    const decision = key === undefined ? undefined : this.decisions.get(key);
    if (!decision?.direct || decision.schema !== requestContext.schema) return undefined;
    // The gateway checks variables before any fetch; a request that fails it takes the gateway's path
    // for the same error.
    const definitions = decision.direct.variableDefinitions;
    if (definitions.length) {
      const { errors } = getVariableValues(
        requestContext.schema,
        definitions,
        requestContext.request.variables ?? {},
      );
      if (errors) return undefined;
    }
    return decision.direct;
  }

  private remember(key: string, decision: Decision): void {
    this.decisions.delete(key);
    this.decisions.set(key, decision);
    if (this.decisions.size > this.maxOperations) {
      const oldest = this.decisions.keys().next().value;
      if (oldest !== undefined) this.decisions.delete(oldest);
    }
  }
}

/** One operation of one document: Apollo Server's hash of the query text, and the operation's name. */
function keyOf(requestContext: RequestContext): string | undefined {
  const hash = requestContext.queryHash;
  if (!hash) return undefined;
  return `${hash}\n${requestContext.request.operationName ?? ''}`;
}
