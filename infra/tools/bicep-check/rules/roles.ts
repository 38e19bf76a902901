// Every data-plane role the app's identity needs is assigned, at the right scope, to a service
// principal. Needs come from the code: the bindings it registers and the SDKs it loads.
import { literalStrings, loopParts } from '../expressions';
import type { Finding } from '../findings';
import { inFile } from '../findings';
import { bodyObject, declarations, properties, resources } from '../model';
import type { BicepFile } from '../parse';
import type { SyntaxNode } from '../syntax';
import type { RoleNeed } from './role-needs';

const RULE = 'roles';
const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

interface Assignment {
  ids: Set<string>;
  scope: string;
  principalTypes: (string | undefined)[];
}

export function checkRoles(needs: RoleNeed[], files: BicepFile[], reportIn: string): Finding[] {
  const assignments = files.flatMap(assignmentsIn);
  return needs
    .filter(
      (n) =>
        !assignments.some(
          (a) =>
            a.ids.has(n.id) && a.scope === n.scope && a.principalTypes.includes('ServicePrincipal'),
        ),
    )
    .map((n) =>
      inFile(
        RULE,
        reportIn,
        `the app's identity needs ${n.role} (${n.id}) on ${n.scope} for ${n.why}; no role assignment to a ServicePrincipal gives it`,
      ),
    );
}

function assignmentsIn(file: BicepFile): Assignment[] {
  const decls = declarations(file);
  return resources(file)
    .filter((r) => r.target?.startsWith('Microsoft.Authorization/roleAssignments@'))
    .map((r) => {
      const body = properties(bodyObject(r.value));
      const props = properties(body.get('properties'));
      const scopeName = body.get('scope')?.text;
      const scoped = decls.find((d) => d.kind === 'resource' && d.name === scopeName);
      return {
        ids: guids(file, props.get('roleDefinitionId'), r.value),
        scope: scoped?.target?.split('@')[0] ?? 'resourceGroup',
        principalTypes: literalStrings(file, props.get('principalType')),
      };
    });
}

// GUIDs an expression can evaluate to: literals, vars, `obj.key` of object vars, loop variables.
function guids(
  file: BicepFile,
  node: SyntaxNode | undefined,
  loop: SyntaxNode | undefined,
): Set<string> {
  const out = new Set<string>();
  const decls = declarations(file);
  const visit = (n: SyntaxNode | null | undefined, depth: number): void => {
    if (!n || depth > 8) return;
    if (n.type === 'string') for (const m of n.text.matchAll(GUID)) out.add(m[0].toLowerCase());
    else if (n.type === 'identifier') {
      const v = decls.find((d) => (d.kind === 'var' || d.kind === 'param') && d.name === n.text);
      if (v) visit(v.value, depth + 1);
      else if (loop?.type === 'for_statement') {
        const parts = loopParts(loop);
        if (parts.names.includes(n.text)) visit(parts.iterable, depth + 1);
      }
    } else if (n.type === 'member_expression') {
      const key = n.childForFieldName('property')?.text ?? '';
      const obj = decls.find(
        (d) => d.kind === 'var' && d.name === n.childForFieldName('object')?.text,
      );
      const value = obj ? properties(obj.value).get(key) : undefined;
      if (value) visit(value, depth + 1);
      else visit(n.childForFieldName('object'), depth + 1);
    } else for (const c of n.namedChildren) visit(c, depth + 1);
  };
  visit(node, 0);
  return out;
}
