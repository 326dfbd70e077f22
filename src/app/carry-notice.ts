import type { CarryPlan } from '../../runtime/carry-weights';
import { getLocale, t, tn } from '../i18n/locale';

/**
 * What the Train tab says after an edit of a trained graph: how many layers kept
 * their trained weights, and which start afresh and why ("dense (units 10 → 4)").
 */
export function carryNotice(plan: CarryPlan): string {
  const zh = getLocale() === 'zh-CN';
  const list = zh ? '、' : ', ';
  const fresh = [
    ...plan.reset.map((layer) => `${layer.name} (${layer.reasons.map((r) => (zh ? r.zh : r.en)).join(zh ? '；' : '; ')})`),
    ...plan.added.map((layer) => `${layer.name} (${t('train.carried.new')})`),
  ];
  const layers = fresh.join(list);
  const kept =
    fresh.length === 0
      ? tn('train.carried.all', plan.kept.length)
      : plan.kept.length === 0
        ? t('train.carried.none', { reset: fresh.length, layers })
        : tn('train.carried', plan.kept.length, { reset: fresh.length, layers });
  const removed = plan.removed.length ? ` ${t('train.carried.removed', { layers: plan.removed.map((layer) => layer.name).join(list) })}` : '';
  return kept + removed;
}
