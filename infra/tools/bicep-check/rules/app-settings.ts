// App settings, one to one with the code: what the code reads is set by Bicep or documented as
// optional; what Bicep sets is read by the code, part of a connection's identity section, or
// documented; connections are identity-based (no keys); local-only conveniences are off in Azure.
import type { AppFacts } from '../app-facts';
import type { BicepSetting, Documented } from '../app-settings-bicep';
import { literalStrings } from '../expressions';
import type { Finding } from '../findings';
import { at, inFile } from '../findings';

const RULE = 'app-settings';

/** Settings the Flex Consumption plan rejects or ignores (functions-app-settings#flex-consumption-plan-deprecations). */
export const FLEX_DEPRECATED = new Set([
  'FUNCTIONS_WORKER_RUNTIME',
  'FUNCTIONS_EXTENSION_VERSION',
  'WEBSITE_NODE_DEFAULT_VERSION',
  'WEBSITE_RUN_FROM_PACKAGE',
  'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING',
  'WEBSITE_CONTENTSHARE',
  'SCM_DO_BUILD_DURING_DEPLOYMENT',
  'ENABLE_ORYX_BUILD',
  'WEBSITE_TIME_ZONE',
  'TZ',
  'WEBSITE_MAX_DYNAMIC_APPLICATION_SCALE_OUT',
]);

export interface SettingsInput {
  facts: Pick<
    AppFacts,
    'settings' | 'unresolved' | 'connections' | 'localSettings' | 'bindingTypes'
  >;
  bicep: BicepSetting[];
  documented: Map<string, Documented>;
  /** The README whose settings table documents them (file, and how messages name it). */
  readme: string;
  readmeLabel?: string;
}

export function checkAppSettings(input: SettingsInput): Finding[] {
  const { facts, bicep, documented, readme } = input;
  const doc = input.readmeLabel ?? readme;
  const findings: Finding[] = [];
  const set = new Map(bicep.map((s) => [s.name, s]));
  const read = new Map(facts.settings.map((r) => [r.name, r]));
  const values = (name: string) => {
    const s = set.get(name);
    return s ? literalStrings(s.file, s.value) : [];
  };
  for (const u of facts.unresolved) {
    findings.push({
      rule: RULE,
      file: u.file,
      line: u.line,
      column: 1,
      message: `cannot tell which setting \`${u.name}\` reads; use a constant`,
    });
  }
  for (const [name, r] of read) {
    const row = documented.get(name);
    if (!set.has(name) && row !== 'optional' && row !== 'never') {
      findings.push({
        rule: RULE,
        file: r.file,
        line: r.line,
        column: 1,
        message: `the code reads "${name}" but Bicep does not set it and ${doc} does not document it as optional`,
      });
    }
  }
  const sections = [...facts.connections.keys()];
  for (const s of bicep) {
    const inSection = sections.some((c) => s.name.startsWith(`${c}__`));
    if (FLEX_DEPRECATED.has(s.name)) {
      findings.push(
        at(RULE, s.file.path, s.node, `"${s.name}" must not be set on Flex Consumption`),
      );
    } else if (!read.has(s.name) && !inSection && !documented.has(s.name)) {
      findings.push(
        at(
          RULE,
          s.file.path,
          s.node,
          `Bicep sets "${s.name}", which the code does not read and ${doc} does not document`,
        ),
      );
    }
    if (documented.get(s.name) === 'never') {
      findings.push(
        at(RULE, s.file.path, s.node, `"${s.name}" is documented as never set in Azure`),
      );
    }
  }
  for (const [name, row] of documented) {
    if (row === 'set' && !set.has(name))
      findings.push(inFile(RULE, readme, `"${name}" is documented as set by Bicep but is not`));
  }
  for (const [c, kind] of facts.connections) {
    const need = [`${c}__credential`, `${c}__clientId`];
    if (kind === 'webpubsub') need.push(`${c}__serviceUri`);
    else if (!set.has(`${c}__accountName`)) {
      need.push(`${c}__blobServiceUri`);
      if (facts.bindingTypes.some((t) => t.startsWith('queue'))) need.push(`${c}__queueServiceUri`);
    }
    for (const n of need.filter((n) => !set.has(n))) {
      findings.push(
        inFile(RULE, readme, `connection "${c}" is not identity-based in Bicep: "${n}" is not set`),
      );
    }
    if (set.has(c))
      findings.push(
        at(
          RULE,
          set.get(c)!.file.path,
          set.get(c)!.node,
          `"${c}" (a connection string, with a key) must not be set; use the identity settings`,
        ),
      );
    if (
      set.has(`${c}__credential`) &&
      !values(`${c}__credential`).every((v) => v === 'managedidentity')
    ) {
      findings.push(
        at(
          RULE,
          set.get(`${c}__credential`)!.file.path,
          set.get(`${c}__credential`)!.node,
          `"${c}__credential" must be 'managedidentity'`,
        ),
      );
    }
  }
  for (const [name, value] of Object.entries(facts.localSettings)) {
    if (value.toLowerCase() !== 'true' || !read.has(name)) continue;
    const v = values(name);
    if (v.length === 0 || v.some((x) => x !== 'false')) {
      const where = set.get(name);
      const msg = `"${name}" is on locally (local.settings.json) and must be set to 'false' in Azure`;
      findings.push(where ? at(RULE, where.file.path, where.node, msg) : inFile(RULE, readme, msg));
    }
  }
  return findings;
}
