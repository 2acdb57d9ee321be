// Feature flags, one bit per WebAssembly proposal that Core 2.0 absorbed (in the style of
// wazero's CoreFeatures). The decoder and validator reject a module that uses a disabled feature
// with a CompileError naming the feature.

export const Feature = {
  MutableGlobal: 1 << 0,
  SignExtension: 1 << 1,
  NonTrappingFloatToInt: 1 << 2,
  MultiValue: 1 << 3,
  BulkMemory: 1 << 4,
  ReferenceTypes: 1 << 5,
  Simd: 1 << 6,
} as const;

/** A set of features: a bitwise OR of `Feature` values. */
export type Features = number;

/** WebAssembly 1.0 (MVP), which already includes importing and exporting mutable globals. */
export const FeaturesV1: Features = Feature.MutableGlobal;

/** WebAssembly 2.0: V1 plus sign extension, non-trapping float-to-int, multi-value, bulk memory,
 * reference types and fixed-width SIMD. The default. */
export const FeaturesV2: Features =
  FeaturesV1 | Feature.SignExtension | Feature.NonTrappingFloatToInt | Feature.MultiValue |
  Feature.BulkMemory | Feature.ReferenceTypes | Feature.Simd;

const names: readonly [number, string][] = [
  [Feature.MutableGlobal, 'mutable-global'],
  [Feature.SignExtension, 'sign-extension'],
  [Feature.NonTrappingFloatToInt, 'nontrapping-float-to-int'],
  [Feature.MultiValue, 'multi-value'],
  [Feature.BulkMemory, 'bulk-memory'],
  [Feature.ReferenceTypes, 'reference-types'],
  [Feature.Simd, 'simd'],
];

export function featureName(feature: number): string {
  for (const [bit, name] of names) if (bit === feature) return name;
  return `feature 0x${feature.toString(16)}`;
}

/** The names of the features in a set, e.g. for printing a configuration. */
export function featureNames(features: Features): string[] {
  return names.filter(([bit]) => (features & bit) !== 0).map(([, name]) => name);
}
