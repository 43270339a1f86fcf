export const INITIAL_RENDERER_JS_BUDGET_KIB: number;

export function initialRendererJs(dir?: string): { files: { file: string; gzipBytes: number }[]; gzipBytes: number; kib: number };

export function rendererBudgetProblem(dir?: string, budgetKiB?: number): string | null;
