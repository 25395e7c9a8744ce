/** Types for the dev-time script, so tests can check the committed GraphQL subset against src/. */
import type { GraphQLSchema } from 'graphql'
export function queriesIn(dir: string): string[]
export function fullSchema(): { schema: GraphQLSchema; version: string }
export function cutGraphqlSubset(schema: GraphQLSchema, queries: string[]): string
