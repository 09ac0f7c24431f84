// Compile-time proof that a wire schema infers exactly the domain's type: the domain owns the shapes (it imports no
// zod), the contract validates them, and the type checker fails the build the moment the two drift apart.

/** True only when A and B are the same type: optional, readonly and `| undefined` differences count. */
// The generic functions are the point: TypeScript compares their conditional types by identity, not assignability.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
export type SameType<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Accepts only a list of `true`: `AllTrue<[SameType<z.infer<typeof schema>, DomainType>]>` fails to compile on a mismatch. */
export type AllTrue<T extends readonly true[]> = T;
