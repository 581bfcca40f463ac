/** Message text of `bulwarkOptionsFromEnv`, kept in one place. */
export const configMessages = {
  badSegment: (variable: string, prefix: string): string =>
    `Environment variable ${variable} has an empty or malformed name segment. After the prefix ${prefix}, names are ` +
    'segments of letters and digits, words joined by a single _, segments joined by __, ' +
    `e.g. ${prefix}CIRCUIT_BREAKERS__INVENTORY__FAILURE_RATE_THRESHOLD.`,
  valueAndNested: (variable: string, other: string, path: string): string =>
    `Environment variables ${variable} and ${other} conflict: ${path} cannot both be a value and hold nested options. Remove one of them.`,
  setTwice: (variable: string, other: string, path: string): string =>
    `Environment variables ${variable} and ${other} both set ${path}. Remove one of them.`,
} as const;
