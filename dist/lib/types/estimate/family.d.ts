/** The model family an id belongs to: behaviour (growth, output, requests per turn) is fitted per family. */
export type ModelFamily = 'opus' | 'sonnet' | 'haiku' | 'fable' | 'mythos' | 'other';
/** `claude-sonnet-4-5-20250929`, `us.anthropic.claude-opus-4-5…`, `claude-haiku-5-5` → the family. */
export declare function modelFamily(id: string): ModelFamily;
