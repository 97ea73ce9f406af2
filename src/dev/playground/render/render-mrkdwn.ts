import { replaceEmoji } from './emoji.js';
import { escapeHtml, safeHttpUrl } from './escape-html.js';

/** What mrkdwn needs to name people and channels; ids are shown when a name is unknown. */
export interface MrkdwnContext {
  userName?: (userId: string) => string | undefined;
  channelName?: (channelId: string) => string | undefined;
}

// U+0000 never survives into the text (it is stripped first), so it can delimit placeholders safely.
const HOLE = '\u0000';

/**
 * Slack mrkdwn → HTML: ```pre```, > quotes, `code`, *bold*, _italic_, ~strike~, <links|text>,
 * <@user>, <#channel|name>, <!here>, the &lt; &gt; &amp; entities and emoji shortcodes. Every piece of
 * input text is HTML-escaped; only http(s) URLs become links.
 */
export function renderMrkdwn(text: string, ctx: MrkdwnContext = {}): string {
  const parts = text.replaceAll(HOLE, '').split('```');
  // An unclosed fence is literal text, as in Slack.
  if (parts.length % 2 === 0) parts.splice(-2, 2, `${parts.at(-2) ?? ''}\`\`\`${parts.at(-1) ?? ''}`);
  return parts
    .map((part, i) =>
      i % 2 === 1
        ? `<pre class="mk-pre">${escapeHtml(decodeEntities(part.replace(/^\n/, '')))}</pre>`
        : renderLines(part, ctx),
    )
    .join('');
}

/** Lines, with runs of `>` lines grouped into one quote. */
function renderLines(text: string, ctx: MrkdwnContext): string {
  if (text === '') return '';
  const out: string[] = [];
  let quote: string[] = [];
  const flush = () => {
    if (quote.length > 0) out.push(`<blockquote class="mk-quote">${quote.join('<br>')}</blockquote>`);
    quote = [];
  };
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const quoted = /^(?:>|&gt;) ?/.exec(line);
    if (quoted) {
      quote.push(renderInline(line.slice(quoted[0].length), ctx));
      return;
    }
    flush();
    out.push(renderInline(line, ctx) + (i < lines.length - 1 ? '<br>' : ''));
  });
  flush();
  return out.join('');
}

/** One line: code spans and <…> tokens become placeholders, the rest is escaped, then styled. */
function renderInline(line: string, ctx: MrkdwnContext): string {
  const holes: string[] = [];
  const hole = (html: string) => `${HOLE}${holes.push(html) - 1}${HOLE}`;
  const marked = line
    .replace(/`([^`]+)`/g, (_m, code: string) => hole(`<code class="mk-code">${plain(code)}</code>`))
    .replace(/<([^<>]*)>/g, (_m, inner: string) => hole(renderAngle(inner, ctx)));
  const styled = styleMarkers(plain(marked));
  return replaceEmoji(styled).replace(new RegExp(`${HOLE}(\\d+)${HOLE}`, 'g'), (_m, n: string) => {
    return holes[Number(n)] ?? '';
  });
}

/** *bold*, _italic_, ~strike~: markers at word edges only (snake_case and 2*3*4 stay as they are). */
function styleMarkers(html: string): string {
  let out = html;
  for (const [marker, tag] of [
    ['\\*', 'b'],
    ['_', 'i'],
    ['~', 's'],
  ] as const) {
    const re = new RegExp(
      `(^|[^\\p{L}\\p{N}])${marker}(?!\\s)([^\\n]*?[^\\s])${marker}(?![\\p{L}\\p{N}])`,
      'gu',
    );
    out = out.replace(re, (_m, before: string, inner: string) => `${before}<${tag}>${inner}</${tag}>`);
  }
  return out;
}

/** `<@U1>`, `<#C1|name>`, `<!here>`, `<https://…|label>`; anything unsafe shows as text. */
function renderAngle(inner: string, ctx: MrkdwnContext): string {
  const bar = inner.indexOf('|');
  const target = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? undefined : inner.slice(bar + 1);
  const sigil = target[0];
  const id = target.slice(1);
  if (sigil === '@') {
    const name = label || ctx.userName?.(id) || id;
    return `<span class="mk-mention">@${plain(name)}</span>`;
  }
  if (sigil === '#') {
    const name = label || ctx.channelName?.(id) || id;
    return `<span class="mk-mention">#${plain(name)}</span>`;
  }
  if (sigil === '!') {
    const [command = ''] = id.split('^');
    const broadcast = ['here', 'channel', 'everyone'].includes(command) ? `@${command}` : undefined;
    return `<span class="mk-mention">${plain(label || broadcast || command)}</span>`;
  }
  const url = safeHttpUrl(decodeEntities(target));
  const shown = plain(label || target);
  if (!url) return shown;
  return `<a class="mk-link" href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${shown}</a>`;
}

/** Slack's three entities back to characters, then HTML-escaped: what a person would see. */
function plain(text: string): string {
  return escapeHtml(decodeEntities(text));
}

/** One pass, so `&amp;lt;` reads as the text `&lt;`, as in Slack. */
function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|amp);/g, (_m, name: string) =>
    name === 'lt' ? '<' : name === 'gt' ? '>' : '&',
  );
}
