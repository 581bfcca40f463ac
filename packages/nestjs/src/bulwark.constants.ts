/**
 * Metadata key of a decorated method's record: a namespaced string rather than a symbol, so two
 * installed copies of the package still read each other's decorations.
 */
export const BULWARK_METHOD = 'bulwark:method';
