/** Types of build-freshness.mjs (plain JavaScript, read by scripts/start.mjs without compiling). */
export declare const BUILD_INPUTS: string[];
export declare const BUILD_OUTPUTS: string[];
export declare function buildState(root: string): { state: 'missing' | 'stale' | 'current'; newer?: string };
