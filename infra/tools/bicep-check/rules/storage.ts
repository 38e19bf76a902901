// The queues and tables the app uses (bindings, poison queues of queue triggers, tables it opens)
// are created by Bicep, and Bicep creates no others.
import type { AppFacts } from '../app-facts';
import { alternatives, loopParts } from '../expressions';
import type { Finding } from '../findings';
import { inFile } from '../findings';
import { bodyObject, properties, resources, stringText } from '../model';
import type { BicepFile } from '../parse';

const RULE = 'storage';

export function checkStorage(
  facts: Pick<AppFacts, 'queues' | 'tables'>,
  files: BicepFile[],
  reportIn: string,
): Finding[] {
  const queues = namesOf(files, '/queueServices/queues@');
  const tables = namesOf(files, '/tableServices/tables@');
  return [
    ...compare('queue', facts.queues, queues, reportIn),
    ...compare('table', facts.tables, tables, reportIn),
  ];
}

function compare(kind: string, used: string[], declared: Set<string>, reportIn: string): Finding[] {
  const out: Finding[] = [];
  for (const n of used)
    if (!declared.has(n))
      out.push(
        inFile(RULE, reportIn, `the app uses the ${kind} "${n}" but Bicep does not create it`),
      );
  for (const n of declared)
    if (!used.includes(n))
      out.push(
        inFile(RULE, reportIn, `Bicep creates the ${kind} "${n}" but the app does not use it`),
      );
  return out;
}

function namesOf(files: BicepFile[], typePart: string): Set<string> {
  const names = new Set<string>();
  for (const file of files) {
    for (const r of resources(file).filter((x) => x.target?.includes(typePart))) {
      const loop = r.value?.type === 'for_statement' ? loopParts(r.value) : undefined;
      const name = properties(bodyObject(r.value)).get('name');
      const source = name && loop?.names.includes(name.text) ? loop.iterable : name;
      for (const alt of alternatives(file, source)) {
        for (const item of alt.type === 'array' ? alt.namedChildren : [alt]) {
          const text = stringText(item);
          if (text !== undefined) names.add(text);
        }
      }
    }
  }
  return names;
}
