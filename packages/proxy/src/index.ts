export { createProxyHandler, type ProxyHandler } from './create-proxy-handler';
export type { ProxyOptions } from './options';
