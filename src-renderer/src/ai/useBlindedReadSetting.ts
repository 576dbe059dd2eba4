// The "blinded first read" setting: when on, the AI panel asks for the reader's impression before it
// runs or shows any AI output of a study (automation-bias control). A per-workstation preference, kept in
// localStorage so it survives reloads; the server enforces the order independently (recordFirstRead).
import { ref, watch, type Ref } from 'vue';

const KEY = 'qoq.blindedFirstRead';
let setting: Ref<boolean> | undefined;

export function useBlindedReadSetting(): Ref<boolean> {
  if (!setting) {
    const value = ref(window.localStorage.getItem(KEY) === 'on');
    watch(value, (on) => window.localStorage.setItem(KEY, on ? 'on' : 'off'));
    setting = value;
  }
  return setting;
}
