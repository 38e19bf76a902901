// The app settings Bicep gives the Function App: the keys of every `Microsoft.Web/sites/config`
// named `appsettings` (through vars, `union(...)` and both branches of conditionals) and of
// `siteConfig.appSettings` arrays, with the value expressions each key may take.
import { alternatives, literalStrings } from './expressions';
import { bodyObject, properties, resources } from './model';
import type { BicepFile } from './parse';
import type { SyntaxNode } from './syntax';

export interface BicepSetting {
  name: string;
  file: BicepFile;
  node: SyntaxNode;
  value: SyntaxNode;
}

export function bicepAppSettings(files: BicepFile[]): BicepSetting[] {
  const out: BicepSetting[] = [];
  for (const file of files) {
    for (const r of resources(file)) {
      const body = properties(bodyObject(r.value));
      if (r.target?.startsWith('Microsoft.Web/sites/config@')) {
        if (!literalStrings(file, body.get('name')).includes('appsettings')) continue;
        for (const obj of alternatives(file, body.get('properties')))
          out.push(...fromObject(file, obj));
      }
      if (r.target?.startsWith('Microsoft.Web/sites@')) {
        const siteConfig = properties(body.get('properties')).get('siteConfig');
        const list = properties(siteConfig).get('appSettings');
        for (const arr of alternatives(file, list)) out.push(...fromArray(file, arr));
      }
    }
  }
  return out;
}

function fromObject(file: BicepFile, obj: SyntaxNode): BicepSetting[] {
  if (obj.type !== 'object') return [];
  return [...properties(obj)].map(([name, value]) => ({
    name,
    file,
    node: value.parent ?? value,
    value,
  }));
}

function fromArray(file: BicepFile, arr: SyntaxNode): BicepSetting[] {
  if (arr.type !== 'array') return [];
  return arr.namedChildren.flatMap((item) => {
    const p = properties(item);
    const name = literalStrings(file, p.get('name'))[0];
    const value = p.get('value');
    return name && value ? [{ name, file, node: item, value }] : [];
  });
}

/** `| \`Name\` | set / optional / never | ...` rows of the settings table in infra/README.md. */
export type Documented = 'set' | 'optional' | 'never';

export function documentedSettings(markdown: string): Map<string, Documented> {
  const rows = new Map<string, Documented>();
  for (const m of markdown.matchAll(/^\|\s*`([^`]+)`\s*\|\s*(set|optional|never)\b/gm)) {
    rows.set(m[1]!, m[2] as Documented);
  }
  return rows;
}
