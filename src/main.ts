import { getLocale } from './i18n/locale';
import './editor/layerwire-editor';
import './app/layerwire-app';

document.documentElement.lang = getLocale();
