/** The ajv options of the nomination validator, shared by the build-time compilation and the fallback at run time. */
export const AJV_OPTIONS = {
  allErrors: true,
  strict: true,
  // if/then conditionals require keys that their parent schema defines; strictRequired would reject that.
  strictRequired: false,
  // An annotation: the Standard version that introduced a required key (see docs/standard-versions.md).
  keywords: ['x-dpg-since'],
};
