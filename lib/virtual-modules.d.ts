declare module 'virtual:alliance-corpus' {
  export const corpus: import('./corpus/schema').Corpus;
}
declare module 'virtual:alliance-matcher' {
  export const compiledMatcher: import('./matcher/compile').CompiledMatcher;
}
