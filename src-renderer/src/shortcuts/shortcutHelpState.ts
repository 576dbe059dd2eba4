// Whether the keyboard-shortcut help panel is open: one flag for the whole page, so any component (a
// viewer's "?" button, the page-wide "?" key) can open it.
import { ref } from 'vue';

export const shortcutHelpOpen = ref(false);

export function openShortcutHelp(): void {
  shortcutHelpOpen.value = true;
}
