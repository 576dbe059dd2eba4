// Keyboard shortcuts of the AI read panel as one table: the panel binds from it and the shortcut help
// lists it.

export interface AiShortcut {
  key: string;
  description: string;
}

export const AI_RUN_SHORTCUT: AiShortcut = { key: 'm', description: 'Run the AI read of the open study' };

export const AI_SHORTCUTS: readonly AiShortcut[] = [AI_RUN_SHORTCUT];
