/** See json-number-column.cjs. */
export declare function numbers(json: Uint8Array, count: number): Float64Array;
