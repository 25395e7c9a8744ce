/** Types for the e2e globalSetup, which the burst benchmark calls too: rebuild dist/ when src/ changed. */
export default function freshDist(): void
