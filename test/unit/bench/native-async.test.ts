// The bench's what-if rewrite of TypeScript's ES2015 async downlevel into native async functions:
// same results, same `this`, same errors; what it cannot keep equal it refuses.
import { runInThisContext } from 'node:vm';

import { describe, expect, it } from 'vitest';

import { RewriteError, toNativeAsync } from '../../../bench/lib/native-async';

const AWAITER = `var __awaiter = function (thisArg, _arguments, P, generator) {
  function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
  return new (P || (P = Promise))(function (resolve, reject) {
    function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
    function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
    function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};`;

const MODEL = `${AWAITER}
class Model {
  constructor(base) { this.base = base; }
  add(x) {
    return __awaiter(this, void 0, void 0, function* () {
      const a = yield Promise.resolve(x);
      const helper = function* () { yield 1; };
      return { sum: this.base + a + (yield 2), lazy: [...helper()], label: { arguments: 'kept' }.arguments };
    });
  }
  fail() {
    return __awaiter(this, void 0, void 0, function* () {
      yield null;
      throw new Error('boom');
    });
  }
}
module.exports = Model;`;

function load(code: string): new (base: number) => {
  add(x: number): Promise<unknown>;
  fail(): Promise<unknown>;
} {
  const module = { exports: {} as unknown };
  const body = runInThisContext(`(function (module) {\n${code}\n})`) as (m: object) => void;
  body(module);
  return module.exports as never;
}

describe('toNativeAsync', () => {
  it('rewrites every __awaiter body into a native async arrow with the same behaviour', async () => {
    const { code, rewritten } = toNativeAsync(MODEL);
    expect(rewritten).toBe(2);
    expect(code).not.toMatch(/__awaiter\(this/);
    expect(code).toContain('(async () => {');
    expect(code).toContain('await Promise.resolve(x)');
    // A generator nested in the body keeps its own yield.
    expect(code).toContain('function* () { yield 1; }');

    const [before, after] = [new (load(MODEL))(10), new (load(code))(10)];
    expect(await after.add(5)).toEqual(await before.add(5));
    expect(await after.add(5)).toEqual({ sum: 17, lazy: [1], label: 'kept' });
    await expect(after.fail()).rejects.toThrow('boom');
  });

  it("refuses a body that reads 'arguments' or delegates with yield*", () => {
    const withArguments = `${AWAITER} function f() { return __awaiter(this, void 0, void 0, function* () { return arguments.length; }); }`;
    expect(() => toNativeAsync(withArguments)).toThrow(RewriteError);
    const withDelegate = `${AWAITER} function f() { return __awaiter(this, void 0, void 0, function* () { yield* [1]; }); }`;
    expect(() => toNativeAsync(withDelegate)).toThrow(RewriteError);
  });

  it('leaves code without __awaiter calls as it is', () => {
    const plain = 'async function f() { return 1; }';
    expect(toNativeAsync(plain)).toEqual({ code: plain, rewritten: 0 });
  });
});
