/**
 * Words that deny what stands near them ("did not say", "never met", "no deal", "neither side").
 * The base every negation check shares; each check adds its own words next to it and says why.
 */
export const NEGATORS: readonly string[] = ['not', 'no', 'never', 'neither', 'nor'];

/** The negators with the words that deny a whole statement by themselves ("nobody came", "cannot say"). */
export const NEGATION_WORDS: readonly string[] = [...NEGATORS, 'none', 'nobody', 'nothing', 'cannot'];
