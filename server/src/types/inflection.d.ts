// The inflection library Sequelize names tables and keys with (it ships no types of its own).
declare module 'inflection' {
  export function pluralize(word: string): string;
  export function singularize(word: string): string;
  export function underscore(word: string): string;
}
