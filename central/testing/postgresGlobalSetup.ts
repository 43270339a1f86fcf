import { createTemplateDatabase, RUN_CLUSTER_ENV, startPostgresCluster } from './postgres';

/**
 * Vitest global setup of central/vitest.postgres.config.ts: ONE throw-away cluster for the whole run (initdb and a
 * start cost 7–16 s on a loaded machine; once, not once per test file) and one migrated template database, which
 * every test central's database copies. The test processes find both through RUN_CLUSTER_ENV.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const cluster = await startPostgresCluster();
  try {
    const started = Date.now();
    const template = await createTemplateDatabase(cluster);
    process.stdout.write(`central on PostgreSQL: cluster on port ${cluster.port} started in ${cluster.startMs} ms, template migrated in ${Date.now() - started} ms\n`);
    process.env[RUN_CLUSTER_ENV.url] = cluster.baseUrl;
    process.env[RUN_CLUSTER_ENV.template] = template;
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return () => cluster.stop();
}
