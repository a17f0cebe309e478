// tldts's own minified build (see domains.ts for why); its API and types are those of the package itself.
declare module 'tldts/dist/index.esm.min.js' {
  export { getDomain } from 'tldts';
}
