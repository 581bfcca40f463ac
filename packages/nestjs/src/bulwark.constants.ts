/**
 * Metadata key of a decorated method's record. Namespaced and registered with `Symbol.for`-free
 * strings, so two installed copies of the package still agree.
 */
export const BULWARK_METHOD = 'bulwark:method';
