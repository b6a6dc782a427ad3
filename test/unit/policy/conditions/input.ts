/** Builds a ConditionInput for one condition test the way decide() does. */
import type { GatewayCall } from '../../../../src/policy/call';
import type { ConditionInput } from '../../../../src/policy/conditions';
import { scope as scopeCondition } from '../../../../src/policy/conditions/scope';
import type { Grant } from '../../../../src/policy/grant';
import { catalog, ctx } from '../helpers';

export function inputFor(call: GatewayCall, grant: Grant, over: Partial<ConditionInput> = {}): ConditionInput {
  const entry = catalog.get(call.endpointId);
  if (!entry) throw new Error(`no entry ${call.endpointId}`);
  const scope = scopeCondition.evaluate(entry, grant, catalog.scopes);
  if ('allowed' in scope) throw new Error(`grant lacks a scope for ${entry.id}`);
  const intent = entry.bodySpec?.intent?.(call.body);
  return { call, grant, ctx, entry, scope, intent, ...over };
}
