/**
 * The emoji shortcodes our replies use, plus the common ones people expect; anything else stays as its
 * `:shortcode:` text, which is what Slack shows for an unknown emoji too.
 */
const emoji: Readonly<Record<string, string>> = {
  hourglass: '⌛',
  hourglass_flowing_sand: '⏳',
  warning: '⚠️',
  bar_chart: '📊',
  chart_with_upwards_trend: '📈',
  chart_with_downwards_trend: '📉',
  lock: '🔒',
  wave: '👋',
  white_check_mark: '✅',
  heavy_check_mark: '✔️',
  x: '❌',
  tada: '🎉',
  rocket: '🚀',
  '+1': '👍',
  thumbsup: '👍',
  '-1': '👎',
  thumbsdown: '👎',
  eyes: '👀',
  fire: '🔥',
  star: '⭐',
  sparkles: '✨',
  memo: '📝',
  calendar: '📅',
  spiral_calendar_pad: '🗓️',
  clock9: '🕘',
  information_source: 'ℹ️',
  bulb: '💡',
  trophy: '🏆',
  first_place_medal: '🥇',
  second_place_medal: '🥈',
  third_place_medal: '🥉',
  robot_face: '🤖',
  mag: '🔍',
  zap: '⚡',
  arrow_up: '⬆️',
  arrow_down: '⬇️',
  small_red_triangle: '🔺',
  small_red_triangle_down: '🔻',
  large_green_circle: '🟢',
  red_circle: '🔴',
  computer: '💻',
  package: '📦',
  inbox_tray: '📥',
  outbox_tray: '📤',
  speech_balloon: '💬',
  busts_in_silhouette: '👥',
  bust_in_silhouette: '👤',
  moneybag: '💰',
  gear: '⚙️',
  link: '🔗',
  pushpin: '📌',
  calling: '📲',
  rotating_light: '🚨',
  wastebasket: '🗑️',
  fast_forward: '⏩',
  double_vertical_bar: '⏸️',
  pause_button: '⏸️',
};

/** The character for a shortcode name (`warning`), or undefined when we do not know it. */
export function emojiFor(name: string): string | undefined {
  return emoji[name];
}

/** Replaces known `:shortcode:`s (also `:+1::skin-tone-2:`, whose tone is dropped) in already-escaped text. */
export function replaceEmoji(text: string): string {
  return text.replace(/:([a-z0-9_+-]+):(?::skin-tone-\d:)?/g, (whole, name: string) => emoji[name] ?? whole);
}
