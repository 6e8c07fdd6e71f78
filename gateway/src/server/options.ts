import { type GatewayConfig, gatewayConfig } from '../config.js';

/**
 * The configuration to run with: a whole `loadGatewayConfig(env)` result as given, else the
 * environment's configuration with `options` laid over it (nested sections merged field by field).
 */
export function resolveConfig(options: Partial<GatewayConfig>): GatewayConfig {
  if (isComplete(options)) return options;
  const base = gatewayConfig();
  return {
    ...base,
    ...options,
    jwt: { ...base.jwt, ...options.jwt },
    limits: { ...base.limits, ...options.limits },
    security: { ...base.security, ...options.security },
    subgraphUrls: { ...base.subgraphUrls, ...options.subgraphUrls },
  };
}

function isComplete(options: Partial<GatewayConfig>): options is GatewayConfig {
  return (
    options.jwt !== undefined &&
    options.limits !== undefined &&
    options.security !== undefined &&
    options.subgraphUrls !== undefined &&
    options.keyring !== undefined &&
    options.mode !== undefined &&
    options.supergraphPath !== undefined &&
    options.port !== undefined
  );
}
