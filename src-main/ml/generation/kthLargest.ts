/**
 * The k-th largest value (k = 1 is the maximum) by quickselect on a copy: O(V) on average, where sorting a
 * 151k-entry vocabulary row every step would be O(V log V).
 */
export function kthLargest(values: Float32Array, k: number): number {
  if (!Number.isInteger(k) || k < 1 || k > values.length) throw new Error(`kthLargest: k=${k} out of 1..${values.length}`);
  const a = Float32Array.from(values);
  const target = a.length - k; // index of the answer in ascending order
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return a[target]!;
}
