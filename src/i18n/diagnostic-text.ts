import { localizeDiagnostic, type LocalizableDiagnostic } from '../../compiler/diagnostics';
import { getLocale } from './locale';

/**
 * A compiler diagnostic in the editor's current language. The compiler writes every
 * diagnostic in English and Chinese; this picks one, so views never read `d.message` directly.
 * Components that call it re-render on a language switch through their LocaleController.
 */
export function diagnosticText(d: LocalizableDiagnostic): { message: string; fixTitle?: string; related: string[] } {
  return localizeDiagnostic(d, getLocale());
}

/** Just the message, for the many places that show nothing else. */
export function diagnosticMessage(d: LocalizableDiagnostic): string {
  return diagnosticText(d).message;
}
