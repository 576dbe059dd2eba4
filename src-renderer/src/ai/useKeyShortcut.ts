// A page-wide single-key shortcut that stays out of the way of typing: keys pressed in a text field,
// with a modifier, or already handled by another component (the viewer's own keys) are ignored.
import { onBeforeUnmount, onMounted } from 'vue';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function useKeyShortcut(key: string, action: () => void): void {
  const onKeydown = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key.toLowerCase() !== key || isTyping(event.target)) return;
    event.preventDefault();
    action();
  };
  onMounted(() => window.addEventListener('keydown', onKeydown));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeydown));
}
