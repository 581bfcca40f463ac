/** Message text of the HTTP exception filter, kept in one place. */
export const httpMessages = {
  noAdapter: (): string =>
    'BulwarkHttpExceptionFilter has no HTTP adapter, so Nest answers Bulwark errors with its default 500. ' +
    'Register it as APP_FILTER or with @UseFilters(BulwarkHttpExceptionFilter), or construct it with the adapter: ' +
    'app.useGlobalFilters(new BulwarkHttpExceptionFilter(app.get(HttpAdapterHost).httpAdapter)).',
} as const;
