// Route templates as Functions uses them (ASP.NET syntax), matched segment by segment.
import { describe, expect, it } from 'vitest';

import {
  comparePrecedence,
  compileRoute,
} from '../../../packages/functions-host/src/http/route-template';

const match = (template: string, path: string) =>
  compileRoute(template).match(path.split('/').filter(Boolean));

describe('compileRoute', () => {
  it('matches literals case-insensitively and extracts parameters', () => {
    expect(match('users/{id}/posts', 'Users/7/POSTS')).toEqual({ params: { id: '7' } });
    expect(match('users/{id}/posts', 'users/7')).toBeUndefined();
    expect(match('users/{id}', 'users/7/extra')).toBeUndefined();
  });

  it('supports optional parameters and defaults', () => {
    expect(match('a/{b?}', 'a')).toEqual({ params: {} });
    expect(match('a/{b=x}', 'a')).toEqual({ params: { b: 'x' } });
    expect(match('a/{b=x}', 'a/y')).toEqual({ params: { b: 'y' } });
  });

  it('applies constraints', () => {
    expect(match('n/{v:int}', 'n/12')).toBeDefined();
    expect(match('n/{v:int}', 'n/1.5')).toBeUndefined();
    expect(match('n/{v:range(1,5)}', 'n/6')).toBeUndefined();
    expect(match('n/{v:alpha:minlength(2)}', 'n/ab')).toBeDefined();
    expect(match('n/{v:alpha:minlength(2)}', 'n/a')).toBeUndefined();
    expect(match('n/{v:guid}', 'n/0f8fad5b-d9cb-469f-a165-70867728950e')).toBeDefined();
    expect(match('n/{v:bool}', 'n/maybe')).toBeUndefined();
  });

  it('captures the rest of the path with a catch-all', () => {
    expect(match('files/{*path}', 'files/a/b/c')).toEqual({ params: { path: 'a/b/c' } });
    expect(match('files/{*path}', 'files')).toEqual({ params: {} });
  });

  it('rejects templates it cannot honour, with the template in the message', () => {
    expect(() => compileRoute('a/{*rest}/b')).toThrow("Route template 'a/{*rest}/b'");
    expect(() => compileRoute('a/{v:nosuch}')).toThrow("unknown constraint 'nosuch'");
    expect(() => compileRoute('a/x{v}')).toThrow('is not supported');
  });

  it('orders literal before constrained before plain before catch-all', () => {
    const routes = ['{*all}', 'items/{name}', 'items/{id:int}', 'items/new'].map(compileRoute);
    expect(routes.sort(comparePrecedence).map((r) => r.template)).toEqual([
      'items/new',
      'items/{id:int}',
      'items/{name}',
      '{*all}',
    ]);
  });
});
