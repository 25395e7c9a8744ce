/** Types for the dev-time script, so tests can check the committed subset against src/. */
export function operationIdsIn(dir: string): string[]
export function cutSubset(
  spec: { paths: Record<string, unknown>; components: Record<string, Record<string, unknown>> },
  operationIds: string[]
): { paths: Record<string, unknown>; components: Record<string, Record<string, unknown>> }
