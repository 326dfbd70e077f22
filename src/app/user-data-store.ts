import type { Dataset } from '../../runtime/datasets';

/**
 * The person's own dataset (a CSV file, a folder or zip of images), held in
 * the page only: files can be large, and a graph that named a file the next
 * person does not have would fail its dataset check (LW208) wherever it is
 * opened, so the document's `training.dataset` keeps naming a built-in one.
 * The Train tab sets it; the Train and Inspect tabs use it while `active`.
 * Fires 'change' whenever either changes.
 */
class UserDataStore extends EventTarget {
  /** The last dataset read without problems; a file with problems never replaces it. */
  dataset: Dataset | undefined;
  /** The person chose their own data in the Train tab's dataset list (it may not be read yet). */
  active = false;

  set(change: { dataset?: Dataset; active?: boolean }): void {
    if ('dataset' in change) this.dataset = change.dataset;
    if (change.active !== undefined) this.active = change.active;
    this.dispatchEvent(new Event('change'));
  }

  /** The dataset training and inspection use instead of the document's, if any. */
  get inUse(): Dataset | undefined {
    return this.active ? this.dataset : undefined;
  }
}

export const userData = new UserDataStore();
