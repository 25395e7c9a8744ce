/**
 * Who triggered a run, read from the event payload GitHub hands the workflow: the actor, their author
 * association (a comment's author for comment events, the pull request's or issue's author otherwise)
 * and the pull request the run belongs to. Pure: the shells read the payload.
 */
import type { Trigger } from './settings.js';
/** The trigger of a run from its event payload and GITHUB_TRIGGERING_ACTOR / GITHUB_ACTOR. */
export declare function triggerFrom(payload: unknown, env: Record<string, string | undefined>): Trigger | undefined;
