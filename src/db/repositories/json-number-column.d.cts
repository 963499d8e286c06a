/** See json-number-column.cjs. */
export declare function numbers(json: Uint8Array, count: number): Float64Array;
export declare function tableColumns(row: readonly Uint8Array[]): { n: number; columns: Float64Array[] };
export declare const REVISION_SQL: string;
export declare const SCHEMA_VERSION_SQL: string;
