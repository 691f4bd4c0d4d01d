/** The reactions offered first, and the picker's fuller set. */
export const QUICK_REACTIONS = ['👍', '❤️', '😂', '🎉', '😮', '😢'] as const;

export const PICKER_EMOJI: readonly { emoji: string; name: string }[] = [
  { emoji: '👍', name: 'thumbs up' },
  { emoji: '👎', name: 'thumbs down' },
  { emoji: '❤️', name: 'heart' },
  { emoji: '😂', name: 'laughing' },
  { emoji: '🎉', name: 'party' },
  { emoji: '😮', name: 'surprised' },
  { emoji: '😢', name: 'sad' },
  { emoji: '🙏', name: 'thank you' },
  { emoji: '👀', name: 'eyes' },
  { emoji: '🔥', name: 'fire' },
  { emoji: '✅', name: 'done' },
  { emoji: '👏', name: 'clapping' },
  { emoji: '🙌', name: 'hooray' },
  { emoji: '💯', name: 'hundred' },
  { emoji: '🤔', name: 'thinking' },
  { emoji: '😅', name: 'sweat smile' },
  { emoji: '😍', name: 'heart eyes' },
  { emoji: '🚀', name: 'rocket' },
  { emoji: '👌', name: 'OK' },
  { emoji: '🙂', name: 'smile' },
  { emoji: '😎', name: 'cool' },
  { emoji: '🤝', name: 'handshake' },
  { emoji: '💡', name: 'idea' },
  { emoji: '⭐', name: 'star' },
];
