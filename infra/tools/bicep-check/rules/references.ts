// Every name an expression uses is declared (param, var, resource, module, loop or lambda variable,
// import, function) and every function called is a Bicep built-in or a declared `func`.
import { isBuiltinFunction, NAMESPACES } from '../builtins';
import { loopParts } from '../expressions';
import type { Finding } from '../findings';
import { at } from '../findings';
import { declarations } from '../model';
import type { BicepFile } from '../parse';
import type { SyntaxNode } from '../syntax';

const RULE = 'undefined-reference';

// Nodes whose identifiers are names being declared, types, or decorator names: not references.
const SKIP = new Set([
  'type',
  'array_type',
  'union_type',
  'nullable_type',
  'parameterized_type',
  'decorators',
  'import_statement',
  'import_functionality',
  'using_statement',
  'metadata_declaration',
]);

export function checkReferences(file: BicepFile): Finding[] {
  const decls = declarations(file);
  const names = new Set(decls.filter((d) => d.kind !== 'output').map((d) => d.name));
  for (const node of file.root.descendantsOfType('resource_declaration')) {
    names.add(node.namedChildren[0]?.text ?? ''); // nested child resources
  }
  const funcs = new Set(decls.filter((d) => d.kind === 'func').map((d) => d.name));
  const findings: Finding[] = [];

  const visit = (node: SyntaxNode, scope: Set<string>): void => {
    if (SKIP.has(node.type)) return;
    switch (node.type) {
      case 'identifier':
        if (!scope.has(node.text) && !names.has(node.text) && !NAMESPACES.has(node.text)) {
          findings.push(at(RULE, file.path, node, `"${node.text}" is not declared`));
        }
        return;
      case 'call_expression': {
        const fn = node.childForFieldName('function');
        if (fn?.type === 'identifier') {
          if (!isBuiltinFunction(fn.text) && !funcs.has(fn.text)) {
            findings.push(at(RULE, file.path, fn, `unknown function "${fn.text}"`));
          }
        } else if (fn) visit(fn, scope);
        for (const child of node.namedChildren) if (child !== fn) visit(child, scope);
        return;
      }
      case 'resource_expression': // parent::child — the child is named by its parent
        visit(node.namedChildren[0]!, scope);
        return;
      case 'object_property': // the key is a name, not a reference
        for (const child of node.namedChildren.slice(1)) visit(child, scope);
        return;
      case 'for_statement': {
        const { names: vars, iterable, body } = loopParts(node);
        if (iterable) visit(iterable, scope);
        if (body) visit(body, new Set([...scope, ...vars]));
        return;
      }
      case 'lambda_expression': {
        const [params, ...body] = node.namedChildren;
        const inner = new Set(scope);
        for (const id of params ? [params, ...params.namedChildren] : []) inner.add(id.text);
        for (const child of body) visit(child, inner);
        return;
      }
      case 'user_defined_function': {
        const inner = new Set(scope);
        for (const p of node.descendantsOfType('parameter'))
          inner.add(p.namedChildren[0]?.text ?? '');
        for (const child of node.namedChildren.slice(1))
          if (child.type !== 'parameters') visit(child, inner);
        return;
      }
      default:
        for (const child of declarationParts(node)) visit(child, scope);
    }
  };
  visit(file.root, new Set());
  return findings;
}

// A declaration's own name (its first identifier) is skipped; its value and type are visited.
function declarationParts(node: SyntaxNode): SyntaxNode[] {
  return node.type.endsWith('_declaration') ? node.namedChildren.slice(1) : node.namedChildren;
}
