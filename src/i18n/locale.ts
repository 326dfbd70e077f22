import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { en, zhCN, type MessageKey } from './messages';

export type Locale = 'en' | 'zh-CN';
export const LOCALES: { id: Locale; label: string }[] = [
  { id: 'en', label: 'English' },
  { id: 'zh-CN', label: '简体中文' },
];

const catalogs: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };
const STORAGE_KEY = 'layerwire:locale';

function detect(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    /* no storage */
  }
  const language = typeof navigator === 'undefined' ? 'en' : navigator.language;
  return /^zh\b/i.test(language) ? 'zh-CN' : 'en';
}

let current: Locale = detect();
const listeners = new Set<() => void>();

export function getLocale(): Locale {
  return current;
}

export function setLocale(locale: Locale, remember = true): void {
  if (locale === current) return;
  current = locale;
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      /* no storage */
    }
  }
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  for (const listener of listeners) listener();
}

/** The message in the current language, `{name}` placeholders filled in. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = catalogs[current][key] ?? en[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** A counted message: `key.one` for exactly one where the language has it, else `key`. */
export function tn(key: MessageKey, count: number, params: Record<string, string | number> = {}): string {
  const one = `${key}.one` as MessageKey;
  const text = count === 1 && one in en ? t(one, { count, ...params }) : t(key, { count, ...params });
  return text;
}

/** Re-renders a Lit host whenever the language changes. */
export class LocaleController implements ReactiveController {
  private unsubscribe?: () => void;
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  hostConnected(): void {
    const listener = () => this.host.requestUpdate();
    listeners.add(listener);
    this.unsubscribe = () => listeners.delete(listener);
  }
  hostDisconnected(): void {
    this.unsubscribe?.();
  }
}

export function onLocaleChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const SI = ['', 'K', 'M', 'G', 'T', 'P'];

/** One formatter per language: building an Intl.NumberFormat costs far more than formatting with one (a big graph formats thousands of counts). */
const countFormats = new Map<Locale, Intl.NumberFormat>();

/** 1234567 → "1,234,567" (grouped the way the current language groups). */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined) return '–';
  let format = countFormats.get(current);
  if (!format) countFormats.set(current, (format = new Intl.NumberFormat(current)));
  return format.format(n);
}

/** 12_345_678 → "12.3 M": FLOPs and bytes read at a glance. */
export function formatCompact(n: number | null | undefined): string {
  if (n === null || n === undefined) return '–';
  let i = 0;
  let value = n;
  while (Math.abs(value) >= 1000 && i < SI.length - 1) {
    value /= 1000;
    i++;
  }
  const digits = i === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)}${SI[i] ? ` ${SI[i]}` : ''}`;
}
