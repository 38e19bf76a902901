// Web PubSub SKU and units are checked as a pair in Bicep: the `sku.capacity` of every webPubSub
// resource (and replica) is `contains(table[sku], units) ? units : fail(...)`, and the table is the
// one the resource provider documents for `sku.capacity` (Microsoft.SignalRService 2024-03-01
// ResourceSku: Free_F1 1; Standard_S1 and Premium_P1 1-10, 20 ... 100; Premium_P2 100 ... 1000).
import type { Finding } from '../findings';
import { at } from '../findings';
import { bodyObject, declarations, properties, resources } from '../model';
import { arrayItems } from '../objects';
import type { BicepFile } from '../parse';
import type { SyntaxNode } from '../syntax';

const RULE = 'sku-capacity';
const STEPS_OF_TEN = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
export const DOCUMENTED_UNITS: Record<string, number[]> = {
  Free_F1: [1],
  Standard_S1: STEPS_OF_TEN,
  Premium_P1: STEPS_OF_TEN,
  Premium_P2: [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000],
};

export function checkSkuCapacity(files: BicepFile[]): Finding[] {
  const findings: Finding[] = [];
  const tablesChecked = new Set<string>();
  for (const file of files) {
    const services = resources(file).filter(
      (r) =>
        /^Microsoft\.SignalRService\/webPubSub(\/replicas)?@/.test(r.target ?? '') &&
        !r.node.children.some((c) => c.type === 'existing'),
    );
    for (const r of services) {
      const sku = properties(bodyObject(r.value)).get('sku');
      const capacity = sku?.type === 'object' ? properties(sku).get('capacity') : undefined;
      const guard = capacity ? guardOf(file, capacity) : undefined;
      if (!guard) {
        findings.push(
          at(
            RULE,
            file.path,
            capacity ?? sku ?? r.node,
            'sku.capacity is not checked against the SKU: use `contains(unitsBySku[sku], units) ? units : fail(...)` (Premium_P2 needs 100 ... 1000 units, Free_F1 exactly 1)',
          ),
        );
        continue;
      }
      // The service and its replicas share one table: report it once.
      const key = `${file.path}:${guard.startPosition.row}`;
      if (!tablesChecked.has(key)) findings.push(...checkTable(file, guard));
      tablesChecked.add(key);
    }
  }
  return findings;
}

/** The `contains(table[...], x) ? x : fail(...)` ternary the expression resolves to, if any. */
function guardOf(file: BicepFile, node: SyntaxNode): SyntaxNode | undefined {
  const seen = new Set<string>();
  let current: SyntaxNode | undefined = node;
  while (current?.type === 'identifier' && !seen.has(current.text)) {
    seen.add(current.text);
    const name: string = current.text;
    current = declarations(file).find((d) => d.kind === 'var' && d.name === name)?.value;
  }
  if (current?.type !== 'ternary_expression') return undefined;
  const condition = current.childForFieldName('condition') ?? current.namedChildren[0];
  const alternative = current.childForFieldName('alternative') ?? current.namedChildren[2];
  const fails =
    alternative?.type === 'call_expression' &&
    alternative.childForFieldName('function')?.text === 'fail';
  const checks =
    condition?.type === 'call_expression' &&
    condition.childForFieldName('function')?.text === 'contains';
  return fails && checks ? condition : undefined;
}

function checkTable(file: BicepFile, contains: SyntaxNode): Finding[] {
  const list = contains.childForFieldName('arguments')?.namedChildren[0];
  // `table[sku]`: the object the first argument indexes.
  const tableName = list?.namedChildren[0]?.text;
  const table = declarations(file).find((d) => d.kind === 'var' && d.name === tableName)?.value;
  if (table?.type !== 'object') {
    return [
      at(RULE, file.path, contains, 'the units table must be a var holding an object literal'),
    ];
  }
  const findings: Finding[] = [];
  const rows = properties(table);
  for (const [sku, units] of Object.entries(DOCUMENTED_UNITS)) {
    const row = rows.get(sku);
    const values = arrayItems(file, row).map((n) => Number(n.text));
    if (!row) findings.push(at(RULE, file.path, table, `the units table has no row for ${sku}`));
    else if (values.join(',') !== units.join(','))
      findings.push(
        at(
          RULE,
          file.path,
          row,
          `${sku} accepts ${describe(units)} units, not ${values.join(', ')}`,
        ),
      );
  }
  for (const sku of rows.keys()) {
    if (!(sku in DOCUMENTED_UNITS))
      findings.push(at(RULE, file.path, table, `the units table names an unknown SKU ${sku}`));
  }
  return findings;
}

function describe(units: number[]): string {
  return units.length === 1 ? String(units[0]) : `${units[0]} ... ${units.at(-1)}`;
}
