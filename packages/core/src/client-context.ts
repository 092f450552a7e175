import type { Client } from 'openapi-fetch';
import type { paths } from './generated/openapi';

/** What the resources share with the client that made them. */
export interface ClientContext {
  readonly openapi: Client<paths>;
  /** Default milliseconds a call may take. */
  readonly timeout: number;
}
