// The app settings the app's own code reads, found with the TypeScript checker: reads of
// `process.env`-shaped objects (a string index of `string | undefined`) by a literal key, a
// constant, or a parameter / template whose value the call sites pass as literals. A read whose
// key cannot be worked out is reported, so that nothing is missed silently.
import path from 'node:path';

import { globSync } from 'tinyglobby';
import ts from 'typescript';

export interface SettingRead {
  /** Setting name, or the key expression's text when `unresolved`. */
  name: string;
  file: string;
  line: number;
}

export interface SourceScan {
  reads: SettingRead[];
  unresolved: SettingRead[];
  /** Literal arguments of `x.table(name)` calls: the tables the app opens. */
  tables: string[];
}

export const APP_SOURCE_DIRS = ['functions', 'bindings', 'chat', 'chat-contract', 'adapters'];

export function scanAppSources(appRoot: string, dirs = APP_SOURCE_DIRS): SourceScan {
  const config = ts.readConfigFile(path.join(appRoot, 'tsconfig.json'), (f) => ts.sys.readFile(f));
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, appRoot);
  const roots = globSync(
    dirs.map((d) => `${d}/**/*.ts`),
    { cwd: appRoot, absolute: true },
  );
  const program = ts.createProgram(roots, { ...options, noEmit: true });
  const checker = program.getTypeChecker();
  const files = roots.map((f) => program.getSourceFile(f)).filter((f): f is ts.SourceFile => !!f);
  const calls = callSites(files, checker);
  const scan: SourceScan = { reads: [], unresolved: [], tables: [] };

  const where = (node: ts.Node) => {
    const sf = node.getSourceFile();
    return { file: sf.fileName, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1 };
  };
  const keysOf = (expr: ts.Expression, depth = 0): string[] | undefined => {
    const literal = literalValues(checker.getTypeAtLocation(expr));
    if (literal) return literal;
    if (ts.isTemplateExpression(expr)) {
      let out = [expr.head.text];
      for (const span of expr.templateSpans) {
        const parts = keysOf(span.expression, depth);
        if (!parts) return undefined;
        out = out.flatMap((prefix) => parts.map((p) => prefix + p + span.literal.text));
      }
      return out;
    }
    const param = ts.isIdentifier(expr)
      ? parameterOf(checker.getSymbolAtLocation(expr))
      : undefined;
    if (!param || depth > 2) return undefined;
    const index = param.parent.parameters.indexOf(param);
    const values = (calls.get(param.parent) ?? []).map((call) => {
      const arg = call.arguments[index];
      return arg ? keysOf(arg, depth + 1) : undefined;
    });
    if (values.length === 0 || values.some((v) => !v)) return undefined;
    return values.flatMap((v) => v!);
  };

  for (const sf of files) {
    const visit = (node: ts.Node): void => {
      if (
        ts.isPropertyAccessExpression(node) &&
        isEnvLike(checker.getTypeAtLocation(node.expression))
      ) {
        scan.reads.push({ name: node.name.text, ...where(node) });
      } else if (
        ts.isElementAccessExpression(node) &&
        isEnvLike(checker.getTypeAtLocation(node.expression))
      ) {
        const keys = keysOf(node.argumentExpression);
        if (keys) scan.reads.push(...keys.map((name) => ({ name, ...where(node) })));
        else scan.unresolved.push({ name: node.argumentExpression.getText(), ...where(node) });
      } else if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        node.expression.name.text === 'table' &&
        node.arguments[0]
      ) {
        scan.tables.push(...(literalValues(checker.getTypeAtLocation(node.arguments[0])) ?? []));
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return scan;
}

function isEnvLike(type: ts.Type): boolean {
  const index = type.getStringIndexType();
  if (!index?.isUnion()) return false;
  const flags = index.types.map((t) => t.flags);
  return (
    index.types.length === 2 &&
    flags.some((f) => f & ts.TypeFlags.String) &&
    flags.some((f) => f & ts.TypeFlags.Undefined)
  );
}

function literalValues(type: ts.Type): string[] | undefined {
  const types = type.isUnion() ? type.types : [type];
  if (!types.every((t) => t.isStringLiteral())) return undefined;
  return types.map((t) => t.value);
}

type FunctionLike = ts.SignatureDeclaration & { parameters: ts.NodeArray<ts.ParameterDeclaration> };

function parameterOf(
  symbol: ts.Symbol | undefined,
): (ts.ParameterDeclaration & { parent: FunctionLike }) | undefined {
  const decl = symbol?.valueDeclaration;
  return decl && ts.isParameter(decl) ? decl : undefined;
}

// Every call in the app, by the function it calls (declarations and `const f = (...) => ...`).
function callSites(
  files: ts.SourceFile[],
  checker: ts.TypeChecker,
): Map<ts.Node, ts.CallExpression[]> {
  const map = new Map<ts.Node, ts.CallExpression[]>();
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      let symbol = checker.getSymbolAtLocation(node.expression);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      let decl: ts.Node | undefined = symbol?.valueDeclaration;
      if (decl && ts.isVariableDeclaration(decl) && decl.initializer) decl = decl.initializer;
      if (decl) map.set(decl, [...(map.get(decl) ?? []), node]);
    }
    ts.forEachChild(node, visit);
  };
  for (const sf of files) visit(sf);
  return map;
}
