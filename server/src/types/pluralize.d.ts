// pluralize 8 ships no types: the part a naming strategy calls.
declare module 'pluralize' {
  function pluralize(word: string, count?: number, inclusive?: boolean): string;
  namespace pluralize {
    function plural(word: string): string;
    function singular(word: string): string;
  }
  export = pluralize;
}
