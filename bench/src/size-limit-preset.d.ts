declare module '@size-limit/preset-small-lib' {
  const preset: unknown[];
  export default preset;
}
