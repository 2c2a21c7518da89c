/** The part of ml-cart (which ships no types) that the suggest benchmark uses. */
declare module "ml-cart" {
  export class DecisionTreeClassifier {
    constructor(options?: { maxDepth?: number; minNumSamples?: number; gainFunction?: string });
    train(features: number[][], labels: number[]): void;
    predict(features: number[][]): number[];
  }
}
