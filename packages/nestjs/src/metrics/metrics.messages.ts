/** Message text of the Prometheus metrics, kept in one place. */
export const metricsMessages = {
  alreadyRegistered: (name: string): string =>
    `A metric named "${name}" is already registered in this prom-client Registry. Give each application its own ` +
    'registry (the default of BulwarkMetricsModule.forRoot()), or a distinct `prefix`.',
} as const;
