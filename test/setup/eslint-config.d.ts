// The project's flat ESLint config, as the lint-layers test reads it.
declare module '*eslint.config.mjs' {
  const config: { rules?: Record<string, unknown>; settings?: unknown; plugins?: unknown }[];
  export default config;
}
