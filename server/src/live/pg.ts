/**
 * The PostgreSQL driver, loaded when a database is first used: loading it (and what it loads to
 * detect its runtime) costs about 35 ms, which every `check` paid at start.
 */
import type { Client, ClientConfig } from 'pg';

export function newClient(config: ClientConfig): Client {
  const { Client: PgClient } = require('pg') as typeof import('pg');
  return new PgClient(config);
}
