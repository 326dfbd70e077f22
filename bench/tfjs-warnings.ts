/**
 * tfjs warns each time it initializes an orthogonal matrix of more than 2000
 * elements (an LSTM's recurrent kernel) that it "may be slow". The benchmarks
 * build such models over and over, and the warning says nothing about their
 * numbers: it is hidden, and every other warning still prints.
 */
export function hideOrthogonalInitializerWarning(): void {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void (String(args[0]).startsWith('Orthogonal initializer') || warn(...args));
}
