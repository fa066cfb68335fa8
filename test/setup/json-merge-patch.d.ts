/** Types of the `json-merge-patch` package (RFC 7386), which ships none. */
declare module 'json-merge-patch' {
  /** Applies a merge patch to a JSON document (null members remove keys). */
  export function apply<T = unknown>(target: unknown, patch: unknown): T;
  /** The patch that turns `before` into `after`. */
  export function generate(before: unknown, after: unknown): unknown;
  /** Merges two patches. */
  export function merge(patch1: unknown, patch2: unknown): unknown;
}
