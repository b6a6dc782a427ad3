/**
 * Presets (policies/presets/<id>.json): partial grant templates the owner starts from when
 * issuing a token, plus a suggested lifetime. Format: see catalog-schema.ts PresetSchema. The
 * file name MUST equal the id; scopes must be known; `payment` is present exactly when a scope
 * moves money. The owner fills in accounts (and source accounts / IBAN allowlist) at issuance.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PresetSchema, type Preset } from './catalog-schema';
import { UNREADABLE, readPolicyFile, zodProblems, type Scope } from './catalog';
import type { GrantInput } from './grant';

export function loadPresets(dir: string, scopes: ReadonlyMap<string, Scope>, problems: string[]): Map<string, Preset> {
  const presets = new Map<string, Preset>();
  if (!existsSync(dir)) return presets;
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const file = path.join(dir, name);
    const data = readPolicyFile(file, problems);
    if (data === UNREADABLE) continue;
    const parsed = PresetSchema.safeParse(data);
    if (!parsed.success) {
      problems.push(...zodProblems(file, 'preset', parsed.error));
      continue;
    }
    const preset = parsed.data;
    const fail = (m: string) => problems.push(`${file}: preset "${preset.id}": ${m}`);
    if (`${preset.id}.json` !== name) fail(`the file must be named ${preset.id}.json`);
    for (const s of preset.grant.scopes) if (!scopes.has(s)) fail(`unknown scope "${s}"`);
    const movesMoney = preset.grant.scopes.some((s) => scopes.get(s)?.movesMoney === true);
    if (movesMoney !== (preset.grant.payment !== undefined)) fail('"payment" must be present exactly when a scope moves money');
    presets.set(preset.id, preset);
  }
  return presets;
}

/** What the owner supplies at issuance. */
export interface PresetFill {
  readonly accounts: readonly number[];
  readonly sourceAccounts?: readonly number[];
  readonly ibanAllowlist?: readonly string[];
}

/** Preset + the owner's choices → a grant input; run validateGrant() on the result. */
export function presetToGrant(preset: Preset, fill: PresetFill): GrantInput {
  const { scopes, recentDays, payment } = preset.grant;
  return {
    scopes: [...scopes],
    accounts: [...fill.accounts],
    ...(recentDays === undefined ? {} : { recentDays }),
    ...(payment === undefined
      ? {}
      : {
          payment: {
            ...payment,
            caps: { ...payment.caps },
            sourceAccounts: [...(fill.sourceAccounts ?? [])],
            ibanAllowlist: [...(fill.ibanAllowlist ?? [])],
          },
        }),
  };
}
