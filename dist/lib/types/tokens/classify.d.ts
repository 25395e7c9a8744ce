/** Content class of a text, from its characters alone: it picks family B's ratio over family A. */
export type ContentClass = 'prose' | 'code' | 'structured' | 'urls' | 'numbers' | 'cjk' | 'other-script' | 'emoji' | 'symbols';
/** Classify by character shares first (scripts, emoji, symbols, digits), then by code/markup shape. */
export declare function classify(text: string): ContentClass;
